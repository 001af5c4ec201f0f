// Turns the field errors of a failed import into table rows (line, field, message):
//   "line 7.cost_price"  a CSV cell (the header is line 1)
//   "line 1"             the whole line (bad header, not text, malformed CSV)
//   "lines[2].qty"       the third item of a JSON body (products[…] alike)
//   "lines"              the summary when the server stopped listing ("… and 40 more")
// Any other key is a problem of the request as a whole. Rows sort by line as a number, so
// "line 10" comes after "line 9".
import type { FieldErrors } from '@/api/http'

export interface ImportErrorRow {
  /** The server's key, unique per row. */
  key: string
  /** The file line (CSV) or 1-based item number (JSON); null when not about one line. */
  line: number | null
  /** Whether `line` counts CSV lines or JSON items. */
  source: 'csv' | 'json' | null
  /** The column or field name; '' when the whole line (or request) is meant. */
  field: string
  message: string
}

const CSV_KEY = /^line (\d+)(?:\.(.+))?$/
const JSON_KEY = /^[a-z_]+\[(\d+)\](?:\.(.+))?$/
/** The key under which the server counts the problems it did not list. */
export const OVERFLOW_KEY = 'lines'

export function parseErrorKey(key: string): Omit<ImportErrorRow, 'message'> {
  const csv = CSV_KEY.exec(key)
  if (csv) return { key, line: Number(csv[1]), source: 'csv', field: csv[2] ?? '' }
  const json = JSON_KEY.exec(key)
  if (json) return { key, line: Number(json[1]) + 1, source: 'json', field: json[2] ?? '' }
  return { key, line: null, source: null, field: key === OVERFLOW_KEY ? '' : key }
}

/** Request-wide problems first, then by line and field, the overflow summary last. */
function rank(row: ImportErrorRow): number {
  if (row.key === OVERFLOW_KEY) return 2
  return row.line === null ? 0 : 1
}

export function importErrorRows(fields: FieldErrors): ImportErrorRow[] {
  return Object.entries(fields)
    .map(([key, message]) => ({ ...parseErrorKey(key), message }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        a.field.localeCompare(b.field) ||
        a.key.localeCompare(b.key),
    )
}

/** How many distinct lines have problems (the overflow summary not counted). */
export function linesWithErrors(rows: ImportErrorRow[]): number {
  return new Set(rows.filter((row) => row.line !== null).map((row) => `${row.source}:${row.line}`)).size
}

/** The number in "… and 40 more problems", or 0. */
export function moreProblems(fields: FieldErrors): number {
  const text = fields[OVERFLOW_KEY]
  const match = text ? /(\d+)/.exec(text) : null
  return match ? Number(match[1]) : 0
}

/** A known server message as an i18n key under `importErrors.messages` with its parameters. */
export interface KnownMessage {
  key: string
  params: Record<string, string>
}

const KNOWN_MESSAGES: [RegExp, string][] = [
  [/not text in UTF-8, GBK or GB18030|mixes text encodings/i, 'notText'],
  [/^is required$/, 'required'],
  [/^must be greater than 0$/, 'positive'],
  [/^must not be negative$/, 'notNegative'],
  [/^must have at most (?<n>\d+) decimal places?$/, 'decimals'],
  [/^must be a date YYYY-MM-DD/, 'date'],
  [/^missing column (?<column>\S+)$/, 'missingColumn'],
  [/^unknown SKU "(?<sku>[^"]*)"$/, 'unknownSku'],
  [/^must be a decimal number/, 'number'],
  [/^must be one of: (?<values>.+)$/, 'oneOf'],
  [/^must be true or false/, 'boolean'],
  [/^must not be before business_date$/, 'beforeBusinessDate'],
  [/^is in the future/, 'future'],
  [/^is not one of your departments$/, 'notYourDepartment'],
  [/^(?<sku>\S+) belongs to department (?<department>\S+), which is not yours$/, 'otherDepartment'],
  [/^the file is empty/, 'emptyFile'],
]

/** Recognises the server's common messages so they can be shown in the user's language. */
export function knownMessage(message: string): KnownMessage | null {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(message)
    if (match) return { key, params: { ...(match.groups ?? {}) } }
  }
  return null
}
