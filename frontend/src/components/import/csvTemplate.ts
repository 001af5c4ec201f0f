// CSV templates the user downloads, fills in (usually in Excel) and uploads again.
// A UTF-8 byte-order mark makes Excel open Chinese text correctly; the server skips it.
import { FEED_COLUMNS, type FeedKind } from '@/api/feeds'
import { PRODUCT_CSV_COLUMNS, PRODUCT_CSV_OPTIONAL_COLUMNS } from '@/api/catalog'

export const BOM = '\uFEFF'

/** One CSV cell, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/** A CSV text: the header line, then the rows, CRLF line ends (what Excel writes). */
export function csvText(columns: readonly string[], rows: readonly (readonly string[])[] = [], bom = true): string {
  const lines = [columns, ...rows].map((row) => row.map(csvCell).join(','))
  return `${bom ? BOM : ''}${lines.join('\r\n')}\r\n`
}

/** The empty template of a feed: just the header line. */
export function feedTemplate(kind: FeedKind): string {
  return csvText(FEED_COLUMNS[kind])
}

export function feedTemplateName(kind: FeedKind): string {
  return `${kind}-template.csv`
}

/** The empty template of the product import, optional columns included. */
export function productTemplate(): string {
  return csvText([...PRODUCT_CSV_COLUMNS, ...PRODUCT_CSV_OPTIONAL_COLUMNS])
}

/** Example values of each feed, shown next to the upload as a format hint. */
export const FEED_EXAMPLES: Record<FeedKind, readonly string[]> = {
  sales: ['2025-03-01', 'P10001', '12.500', '186.20', '120.40'],
  receipts: ['2025-03-01', 'P10001', '20.000', '128.00', '2025-03-05'],
  labour: ['2025-03-01', 'produce', '6', '48.0', '1440.00'],
  expenses: ['2025-03-01', 'produce', 'materials', '320.00', '保鲜膜'],
}

/** Saves text as a file through a temporary link (no server round trip). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
