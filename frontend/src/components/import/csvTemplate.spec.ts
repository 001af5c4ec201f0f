import { afterEach, describe, expect, it, vi } from 'vitest'
import { BOM, csvCell, csvText, downloadText, feedTemplate, feedTemplateName, FEED_EXAMPLES, productTemplate } from './csvTemplate'
import { FEED_COLUMNS, FEED_KINDS } from '@/api/feeds'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('feed templates', () => {
  it('hold the header line the server reads, with a BOM and CRLF', () => {
    expect(feedTemplate('receipts')).toBe(`${BOM}business_date,sku,qty,cost,expiry_date\r\n`)
    expect(feedTemplate('sales')).toBe(`${BOM}business_date,sku,qty,net_sales,cost\r\n`)
    expect(feedTemplate('labour')).toBe(`${BOM}business_date,department_code,headcount,hours,cost\r\n`)
    expect(feedTemplate('expenses')).toBe(`${BOM}business_date,department_code,category,amount,note\r\n`)
  })

  it('are named by kind', () => {
    expect(feedTemplateName('labour')).toBe('labour-template.csv')
  })

  it('have an example value for every column', () => {
    for (const kind of FEED_KINDS) expect(FEED_EXAMPLES[kind]).toHaveLength(FEED_COLUMNS[kind].length)
  })

  it('include the optional product columns', () => {
    expect(productTemplate()).toBe(
      `${BOM}sku,name,department_code,category,unit,case_pack,shelf_life_days,cost_price,retail_price,perishable,barcode,location,active,supplier_code,min_order_qty\r\n`,
    )
  })
})

describe('csvText', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('writes rows after the header', () => {
    expect(csvText(['a', 'b'], [['1', 'x,y']], false)).toBe('a,b\r\n1,"x,y"\r\n')
  })
})

describe('downloadText', () => {
  it('saves the text through a temporary link', async () => {
    const created: Blob[] = []
    vi.stubGlobal('URL', { ...URL, createObjectURL: (blob: Blob) => (created.push(blob), 'blob:test'), revokeObjectURL: vi.fn() })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    downloadText('receipts-template.csv', feedTemplate('receipts'))
    expect(click).toHaveBeenCalledTimes(1)
    const link = click.mock.contexts[0] as HTMLAnchorElement
    expect(link.download).toBe('receipts-template.csv')
    expect(link.getAttribute('href')).toBe('blob:test')
    const bytes = new Uint8Array(await created[0]!.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(document.querySelector('a[download]')).toBeNull()
  })
})
