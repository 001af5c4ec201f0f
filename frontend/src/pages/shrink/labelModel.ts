// What a markdown label prints: the product, the old price struck through, the new price and
// the discount, the day it was marked down and the lot's expiry, and the barcode the till
// reads. The barcode's value is the server's (the chain's price-embedded EAN-13 layout, or
// Code 128 of the SKU); this only checks it can be drawn and names JsBarcode's format.
import type { Markdown } from '@/api/shrink'
import { isValidEan13 } from '@/components/scan/barcode'
import { formatMoney } from '@/format'
import { formatPct } from './shrinkFormat'

/** JsBarcode's name of a symbology. */
export type JsBarcodeFormat = 'EAN13' | 'CODE128'

export interface LabelModel {
  name: string
  sku: string
  regularPrice: string
  price: string
  pctOff: string
  date: string
  expiry: string | null
  unit: string
  barcode: { format: JsBarcodeFormat; value: string } | null
}

/** The barcode as JsBarcode draws it, or null when the value cannot be a code of its format. */
export function labelBarcode(barcode: Markdown['barcode'] | null | undefined): LabelModel['barcode'] {
  if (!barcode || !barcode.value) return null
  if (barcode.format === 'ean13') return isValidEan13(barcode.value) ? { format: 'EAN13', value: barcode.value } : null
  return /^[\x20-\x7e]{1,80}$/.test(barcode.value) ? { format: 'CODE128', value: barcode.value } : null
}

export function labelModel(md: Markdown): LabelModel {
  return {
    name: md.name,
    sku: md.sku,
    regularPrice: formatMoney(md.regular_price),
    price: formatMoney(md.markdown_price),
    pctOff: formatPct(md.discount_pct),
    date: md.business_date,
    expiry: md.expiry_date,
    unit: md.unit,
    barcode: labelBarcode(md.barcode),
  }
}

/** JsBarcode's options for a label: big bars, the digits under them, sized for a shelf label. */
export function barcodeOptions(format: JsBarcodeFormat) {
  return { format, displayValue: true, width: 2, height: 80, fontSize: 18, margin: 8, background: '#ffffff', lineColor: '#000000' }
}
