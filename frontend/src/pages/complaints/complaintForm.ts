// The pure parts of the complaint screens: the request a form sends, the report's figures as
// the table and chart show them (the chain report's also by store), and the complaint a Today link names (`/complaints?id=12`).
import type { ComplaintCategory, ComplaintChannel, ComplaintCreate, ComplaintGroup, ComplaintResolve, ComplaintStoreGroup } from '@/api/complaints'

export interface ComplaintFormState {
  channel: ComplaintChannel | ''
  category: ComplaintCategory | ''
  department_code: string
  sku: string
  description: string
  /** A local date-time from the picker (`YYYY-MM-DDTHH:mm:ss`), or '' for now. */
  received_at: string
}

export const emptyComplaintForm = (): ComplaintFormState => ({ channel: '', category: '', department_code: '', sku: '', description: '', received_at: '' })

/** The create request: trimmed texts, the optional fields left out when empty, the time as RFC 3339. */
export function complaintRequest(form: ComplaintFormState): ComplaintCreate {
  const body: ComplaintCreate = {
    channel: form.channel as ComplaintChannel,
    category: form.category as ComplaintCategory,
    description: form.description.trim(),
  }
  if (form.department_code) body.department_code = form.department_code
  if (form.sku.trim()) body.sku = form.sku.trim()
  if (form.received_at) {
    const at = new Date(form.received_at)
    if (!Number.isNaN(at.getTime())) body.received_at = at.toISOString()
  }
  return body
}

/** The resolve request: the resolution trimmed, compensation only when given (the server's default is 0). */
export function resolveRequest(resolution: string, compensation: string, version: number): ComplaintResolve {
  const body: ComplaintResolve = { resolution: resolution.trim(), version }
  const money = compensation.trim()
  if (money) body.compensation = money
  return body
}

/** The complaint id a link names (`?id=12`), or null. */
export function linkedComplaintId(value: unknown): number | null {
  const text = Array.isArray(value) ? value[0] : value
  if (typeof text !== 'string' || !/^\d+$/.test(text)) return null
  const id = Number(text)
  return id > 0 && Number.isSafeInteger(id) ? id : null
}

/** Mean hours to resolve with one decimal, or a dash while none is resolved. */
export function formatHours(hours: string | null): string {
  if (hours === null || hours === '') return '—'
  const n = Number(hours)
  return Number.isFinite(n) ? n.toFixed(1) : '—'
}

/** One row of the report table: the group's label (`none` for no department) and its figures. */
export interface ReportRow {
  key: string
  label: string
  count: number
  open: number
  resolved: number
  compensation: string
  meanHours: string
}

export function reportRows(groups: readonly ComplaintGroup[], label: (key: string) => string): ReportRow[] {
  return groups.map((g) => ({
    key: g.key,
    label: label(g.key),
    count: g.count,
    open: g.open,
    resolved: g.resolved,
    compensation: g.compensation,
    meanHours: formatHours(g.mean_hours_to_resolve),
  }))
}

/** The chain report's rows by store, labelled with the store's name (keyed by its id). */
export function storeReportRows(groups: readonly ComplaintStoreGroup[]): ReportRow[] {
  return groups.map((g) => ({
    key: String(g.store_id),
    label: g.store_name,
    count: g.count,
    open: g.open,
    resolved: g.resolved,
    compensation: g.compensation,
    meanHours: formatHours(g.mean_hours_to_resolve),
  }))
}

/** One line of a report section's list: its row with a key unique in the section (`total` last). */
export interface ReportLine extends ReportRow {
  id: string
  total: boolean
}

/** A section's lines: its rows (no department keyed `none`), then the total. */
export function reportLines(rows: readonly ReportRow[], total: ReportRow): ReportLine[] {
  return [...rows.map((r) => ({ ...r, id: r.key || 'none', total: false })), { ...total, id: 'total', total: true }]
}

/** The bar chart's data: labels and counts in the report's order (largest first). */
export function reportChart(rows: readonly ReportRow[]): { labels: string[]; counts: number[] } {
  return { labels: rows.map((r) => r.label), counts: rows.map((r) => r.count) }
}

/** The 28 days up to `today` (YYYY-MM-DD), both inclusive: a report's default period. */
export function lastFourWeeks(today: string): [string, string] {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 27)
  return [d.toISOString().slice(0, 10), today]
}
