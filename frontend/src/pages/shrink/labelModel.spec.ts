import { describe, expect, it } from 'vitest'
import type { Markdown } from '@/api/shrink'
import { barcodeOptions, labelBarcode, labelModel } from './labelModel'

const markdown = (over: Partial<Markdown> = {}): Markdown => ({
  id: 7,
  store_id: 1,
  department_code: 'bakery',
  sku: 'P20031',
  name: '全麦吐司',
  unit: 'each',
  lot_id: 51,
  expiry_date: '2026-12-01',
  qty: '4.000',
  regular_price: '1234.50',
  markdown_price: '864.15',
  discount_pct: '30.00',
  loss: '1481.40',
  on_ladder: true,
  reason: 'near_expiry',
  note: '',
  status: 'applied',
  business_date: '2026-11-30',
  reject_reason: '',
  created_by: 3,
  created_by_name: 'super1',
  decided_by: null,
  decided_at: null,
  version: 1,
  created_at: '2026-11-30T02:00:00Z',
  updated_at: '2026-11-30T02:00:00Z',
  barcode: { format: 'ean13', value: '2200031086419' },
  allowed_actions: ['print_label'],
  ...over,
})

describe('labelBarcode', () => {
  it('draws a valid EAN-13 as EAN13', () => {
    expect(labelBarcode({ format: 'ean13', value: '2200031086419' })).toEqual({ format: 'EAN13', value: '2200031086419' })
  })

  it('refuses an EAN-13 whose check digit is wrong', () => {
    expect(labelBarcode({ format: 'ean13', value: '2200031086410' })).toBeNull()
  })

  it('draws the SKU as Code 128', () => {
    expect(labelBarcode({ format: 'code128', value: 'P20031' })).toEqual({ format: 'CODE128', value: 'P20031' })
  })

  it('has nothing to draw without a value', () => {
    expect(labelBarcode({ format: 'code128', value: '' })).toBeNull()
    expect(labelBarcode(null)).toBeNull()
  })
})

describe('labelModel', () => {
  it('prints the prices grouped, the discount, the dates and the barcode', () => {
    expect(labelModel(markdown())).toEqual({
      name: '全麦吐司',
      sku: 'P20031',
      regularPrice: '1,234.50',
      price: '864.15',
      pctOff: '30%',
      date: '2026-11-30',
      expiry: '2026-12-01',
      unit: 'each',
      barcode: { format: 'EAN13', value: '2200031086419' },
    })
  })

  it('has no expiry for a markdown of no lot', () => {
    expect(labelModel(markdown({ lot_id: null, expiry_date: null })).expiry).toBeNull()
  })

  it('asks JsBarcode for the format with the digits shown', () => {
    expect(barcodeOptions('CODE128')).toMatchObject({ format: 'CODE128', displayValue: true })
  })
})
