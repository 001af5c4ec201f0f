// Items pasted from a spreadsheet: one line per item, `SKU<TAB>promo price[<TAB>below cost]`
// (a copied Excel/WPS range is tab-separated; commas and semicolons work too). Each line is
// checked on its own so the user sees which ones to fix; the good lines are then resolved
// against the catalogue (name, regular price, cost) before they join the items table.

/** One pasted line that reads well: what to look up in the catalogue. */
export interface PastedLine {
  line: number
  sku: string
  promo_price: string
  below_cost: boolean
}

/** Why a line was not taken: a `campaigns.paste.*` message key and its values. */
export interface PasteProblem {
  line: number
  text: string
  key: 'columns' | 'sku' | 'price' | 'belowCost' | 'duplicate' | 'unknownSku' | 'notBelowRegular'
  values?: Record<string, string>
}

export interface PasteResult {
  lines: PastedLine[]
  problems: PasteProblem[]
}

const PRICE = /^\d+(\.\d{1,2})?$/
const YES = new Set(['1', 'y', 'yes', 'true', '是', '√', 'x'])
const NO = new Set(['', '0', 'n', 'no', 'false', '否'])

/** "2.99" → 299: money compared exactly, in cents. */
export function cents(text: string): number {
  const [whole = '0', frac = ''] = text.split('.')
  return Number(whole) * 100 + Number((frac + '00').slice(0, 2))
}

/** Splits one line on tabs, else commas or semicolons (full-width ones too), trimmed. */
function cells(text: string): string[] {
  const sep = text.includes('\t') ? '\t' : /[,，;；]/
  return text.split(sep).map((c) => c.trim())
}

/** A header row (`SKU  促销价 …`) is skipped rather than reported. */
function isHeader(first: string, second: string): boolean {
  return /^(sku|商品编码|编码|货号)$/i.test(first) && !PRICE.test(second)
}

/** Reads pasted text; `taken` are SKUs already in the table (a repeat is a problem, not a second row). */
export function parsePastedItems(text: string, taken: readonly string[] = []): PasteResult {
  const result: PasteResult = { lines: [], problems: [] }
  const seen = new Set(taken.map((s) => s.toUpperCase()))
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1
    if (!raw.trim()) return
    const [sku = '', price = '', below = '', ...rest] = cells(raw)
    if (index === 0 && isHeader(sku, price)) return
    const problem = (key: PasteProblem['key'], values?: Record<string, string>) => result.problems.push({ line, text: raw.trim(), key, values })
    if (rest.some((c) => c !== '') || !price) return problem('columns')
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(sku)) return problem('sku')
    const promo = price.replace(/^[¥￥]/, '')
    if (!PRICE.test(promo) || cents(promo) === 0) return problem('price', { price })
    const flag = below.toLowerCase()
    if (!YES.has(flag) && !NO.has(flag)) return problem('belowCost', { value: below })
    if (seen.has(sku.toUpperCase())) return problem('duplicate', { sku })
    seen.add(sku.toUpperCase())
    result.lines.push({ line, sku, promo_price: promo, below_cost: YES.has(flag) })
  })
  return result
}

/** What the catalogue says about a SKU, as the items table shows it. */
export interface CatalogueProduct {
  sku: string
  name: string
  retail_price: string
  cost_price: string
}

/** A row of the items table being edited. */
export interface ItemRow {
  sku: string
  name: string
  regular_price: string
  cost_price: string
  promo_price: string
  below_cost: boolean
}

/**
 * Joins the pasted lines with the products found (by SKU, any case): a SKU the catalogue
 * lacks, or a promo price not below the regular price, is a problem of its line.
 */
export function resolvePasted(parsed: PasteResult, products: readonly CatalogueProduct[]): { rows: ItemRow[]; problems: PasteProblem[] } {
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]))
  const rows: ItemRow[] = []
  const problems = [...parsed.problems]
  for (const line of parsed.lines) {
    const product = bySku.get(line.sku.toUpperCase())
    const text = `${line.sku}\t${line.promo_price}`
    if (!product) {
      problems.push({ line: line.line, text, key: 'unknownSku', values: { sku: line.sku } })
    } else if (cents(line.promo_price) >= cents(product.retail_price)) {
      problems.push({ line: line.line, text, key: 'notBelowRegular', values: { price: line.promo_price, regular: product.retail_price } })
    } else {
      rows.push({ sku: product.sku, name: product.name, regular_price: product.retail_price, cost_price: product.cost_price, promo_price: line.promo_price, below_cost: line.below_cost })
    }
  }
  problems.sort((a, b) => a.line - b.line)
  return { rows, problems }
}
