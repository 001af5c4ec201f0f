// Which product a scanned barcode means on the counting screen. Barcodes live on catalogue
// products (`barcode`, unique); the screen holds its department's products, of which the
// stocktake's scope (categories, or the recount list) are the ones that may be counted now.
import type { Product } from '@/api/catalog'

export type ScanMatch =
  /** A product that may be counted now: select it. */
  | { kind: 'hit'; product: Product }
  /** A known product that is not counted here (another category, not on the recount list). */
  | { kind: 'outside'; product: Product }
  /** No product on this screen has the code; the catalogue may still know it. */
  | { kind: 'unknown' }

/** Finds `code` among the products that may be counted, then among all loaded products. */
export function matchBarcode(code: string, candidates: readonly Product[], loaded: readonly Product[]): ScanMatch {
  const hit = candidates.find((p) => p.barcode === code)
  if (hit) return { kind: 'hit', product: hit }
  const other = loaded.find((p) => p.barcode === code)
  return other ? { kind: 'outside', product: other } : { kind: 'unknown' }
}

/**
 * Whether a product the catalogue found belongs on this screen's list: the stocktake's
 * department, or any department for a whole-store stocktake.
 */
export function belongsToList(product: Product, departmentCode: string | null | undefined): boolean {
  return !departmentCode || product.department_code === departmentCode
}
