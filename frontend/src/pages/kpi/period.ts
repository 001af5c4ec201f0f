// The periods of the KPI cockpit: this month to date (the server's default), last month
// or a custom range, all counted in the store's time zone; and month arithmetic.
import type { KpiQuery } from '@/api/kpis'

export type PeriodKind = 'mtd' | 'last_month' | 'custom'

/** "2026-03" → "2026-02"; "2026-01" → "2025-12". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** The number of days of a month "YYYY-MM". */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** First and last day of a month "YYYY-MM". */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` }
}

/**
 * The query of a period given the store's today (YYYY-MM-DD). This month to date leaves
 * from/to out so the server counts it in the store's time zone; a custom range needs both.
 */
export function periodQuery(kind: PeriodKind, today: string, custom: [string, string] | null = null): KpiQuery {
  if (kind === 'last_month') return monthRange(previousMonth(today.slice(0, 7)))
  if (kind === 'custom' && custom) return { from: custom[0], to: custom[1] }
  return {}
}
