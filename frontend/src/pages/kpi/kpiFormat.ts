// How KPIs look: the colour of a status, the text of a value, a variance and the change
// against last month / last year. Pure functions, shared by the cockpit, the drill-down
// and the store ranking. Numbers come as decimal strings and are only turned into
// numbers for the change percentages shown next to the comparisons.
import { formatMoney } from '@/format'
import type { KpiKey, KpiStatus } from '@/api/kpis'

export const NO_VALUE = '—'

/** KPIs where more is better; for the others (costs, shrink) less is better. */
export const HIGHER_IS_BETTER: ReadonlySet<KpiKey> = new Set([
  'sales',
  'gross_margin',
  'gross_margin_pct',
  'sales_per_head',
  'sales_per_labour_hour',
])

/** KPIs whose values are percents ("28.50" → "28.50%"); their differences are points. */
export const PERCENT_KPIS: ReadonlySet<KpiKey> = new Set(['gross_margin_pct', 'shrink_pct'])

export type StatusLevel = KpiStatus | 'none'

export interface StatusStyle {
  level: StatusLevel
  /** Colour of borders, bars and dots. */
  color: string
  /** Element Plus tag type. */
  tag: 'success' | 'warning' | 'danger' | 'info'
  /** Message key of the status name. */
  label: string
}

export const STATUS_COLORS: Record<StatusLevel, string> = {
  on_track: '#2f9e5b',
  watch: '#e6a23c',
  off_track: '#d9453b',
  none: '#a8b1ac',
}

const STATUS_TAGS: Record<StatusLevel, StatusStyle['tag']> = {
  on_track: 'success',
  watch: 'warning',
  off_track: 'danger',
  none: 'info',
}

/** The colour and words of a status; a KPI without a budget (null) is grey "no budget". */
export function statusStyle(status: KpiStatus | null | undefined): StatusStyle {
  const level: StatusLevel = status === 'on_track' || status === 'watch' || status === 'off_track' ? status : 'none'
  return { level, color: STATUS_COLORS[level], tag: STATUS_TAGS[level], label: `kpi.status.${level}` }
}

const isBlank = (value: string | null | undefined): value is null | undefined | '' =>
  value === null || value === undefined || value.trim() === ''

/** A KPI value for display: money with thousands separators, percents with "%", null "—". */
export function formatKpiValue(kpi: KpiKey, value: string | null | undefined): string {
  if (isBlank(value)) return NO_VALUE
  return PERCENT_KPIS.has(kpi) ? `${value.trim()}%` : formatMoney(value.trim())
}

/** "+" in front of a positive decimal string, none for zero or negatives. */
export function signed(value: string): string {
  const text = value.trim()
  if (text.startsWith('-') || text.startsWith('+')) return text
  return /^0*(\.0*)?$/.test(text) ? text : `+${text}`
}

/** A variance in percent of the budget: "+3.20%", "-12.00%", "—". */
export function formatVariancePct(value: string | null | undefined): string {
  return isBlank(value) ? NO_VALUE : `${signed(value)}%`
}

/**
 * A variance in the KPI's own unit: money ("+1,234.50") or, for the percent KPIs,
 * percentage points ("+1.20 pp"; `points` is the word for them in the current language).
 */
export function formatVariance(kpi: KpiKey, value: string | null | undefined, points = 'pp'): string {
  if (isBlank(value)) return NO_VALUE
  const text = signed(value)
  if (PERCENT_KPIS.has(kpi)) return `${text} ${points}`
  return text.startsWith('+') ? `+${formatMoney(text.slice(1))}` : formatMoney(text)
}

export type Tone = 'good' | 'bad' | 'flat'

export interface Comparison {
  /** The earlier period's value as shown ("12,000.00", "27.10%", "—"). */
  value: string
  /** The change to now: "+4.2%" (or "+1.40 pp" for percent KPIs); '' when it cannot be told. */
  change: string
  tone: Tone
}

/**
 * The current value against last month or last year: the earlier value, the change and
 * whether that change is good news (more sales, less cost).
 */
export function compare(kpi: KpiKey, actual: string | null, previous: string | null, points = 'pp'): Comparison {
  const value = formatKpiValue(kpi, previous)
  if (isBlank(actual) || isBlank(previous)) return { value, change: '', tone: 'flat' }
  const now = Number(actual)
  const before = Number(previous)
  if (!Number.isFinite(now) || !Number.isFinite(before)) return { value, change: '', tone: 'flat' }
  let delta: number
  let change: string
  if (PERCENT_KPIS.has(kpi)) {
    delta = Math.round((now - before) * 100) / 100
    change = `${signed(delta.toFixed(2))} ${points}`
  } else {
    if (before === 0) return { value, change: '', tone: 'flat' }
    delta = Math.round(((now - before) / Math.abs(before)) * 1000) / 10
    change = `${signed(delta.toFixed(1))}%`
  }
  if (delta === 0) return { value, change, tone: 'flat' }
  const better = HIGHER_IS_BETTER.has(kpi) ? delta > 0 : delta < 0
  return { value, change, tone: better ? 'good' : 'bad' }
}

/** A decimal string as a number for charts; null (a gap) when absent or not a number. */
export function chartNumber(value: string | null | undefined): number | null {
  if (isBlank(value)) return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}
