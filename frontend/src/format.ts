// Display formatting that follows the chosen language.

/** A timestamp (RFC 3339) as a local date and time, or '' when absent. */
export function formatDateTime(value: string | null | undefined, locale: string): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** JSON for people: indented, stable, '' for null. */
export function prettyJson(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 2)
}

/** Puts thousands separators into the whole part of a decimal string ("12345.50" → "12,345.50"). */
function groupThousands(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value.trim())
  if (!match) return value
  const [, sign, whole, fraction = ''] = match
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction}`
}

/** Money from the API ("12345.50") for display: "12,345.50"; '' when absent. */
export function formatMoney(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? '' : groupThousands(value)
}

/**
 * A quantity from the API ("3.250") for display: kg keep their three places, pieces drop
 * zeros after the point ("12.000" → "12", "2.500" → "2.5").
 */
export function formatQty(value: string | null | undefined, unit?: string): string {
  if (value === null || value === undefined || value === '') return ''
  let text = value.trim()
  if (unit !== 'kg' && /^-?\d+\.\d+$/.test(text)) text = text.replace(/0+$/, '').replace(/\.$/, '')
  if (text === '-0') text = '0'
  return groupThousands(text)
}

/** A file size for people: "812 B", "1.4 KB", "20.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
