// The shrink report as screens show it: the default period (month to date in the store's
// time zone), percents, and the two charts as ECharts option objects built without the
// library: shrink per day stacked by source, and shrink by reason.
import type { ShrinkDayRow, ShrinkReasonRow } from '@/api/shrink'
/** An ECharts option object (EChart.vue takes it as it is). */
export type ChartOption = Record<string, unknown>
import { toMilli } from './shrinkFormat'

/** The default period: the 28 days up to today (YYYY-MM-DD), today included. */
export function lastFourWeeks(today: string): [string, string] {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - (REPORT_DAYS - 1))
  return [d.toISOString().slice(0, 10), today]
}

export const REPORT_DAYS = 28

/** The sources of shrink, in the order the stacked bars are drawn. */
export const SOURCES = ['write_off', 'markdown', 'stocktake'] as const
export type ShrinkSource = (typeof SOURCES)[number]

const COLOURS: Record<ShrinkSource, string> = { write_off: '#c0392b', markdown: '#d98c1f', stocktake: '#5470c6' }

const yuan = (value: string) => toMilli(value) / 1000

/** Stacked bars per day: write-offs, markdowns and stocktake variance (yuan). */
export function dayOption(rows: ShrinkDayRow[], names: Record<ShrinkSource, string>): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: SOURCES.map((s) => names[s]) },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.date.slice(5)) },
    yAxis: { type: 'value' },
    series: SOURCES.map((s) => ({ name: names[s], type: 'bar', stack: 'shrink', data: rows.map((r) => yuan(r[s])), color: COLOURS[s] })),
  }
}

/** Horizontal bars of shrink by reason, largest first (the labels are the caller's words). */
export function reasonOption(rows: ShrinkReasonRow[], label: (reason: string) => string): ChartOption {
  const sorted = [...rows].filter((r) => toMilli(r.amount) !== 0).sort((a, b) => toMilli(b.amount) - toMilli(a.amount))
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: sorted.map((r) => label(r.reason)) },
    series: [{ type: 'bar', data: sorted.map((r) => yuan(r.amount)), color: '#2f7d4f' }],
  }
}

/** A budget used above this percent is shown as a warning; above 100 as over. */
export const BUDGET_WARN_PCT = 80

/** How a budget use reads: 'over' the budget, 'near' it, 'ok', or null without a budget. */
export function budgetLevel(usedPct: string | null): 'over' | 'near' | 'ok' | null {
  if (usedPct === null) return null
  const milli = toMilli(usedPct)
  if (milli > 100_000) return 'over'
  return milli >= BUDGET_WARN_PCT * 1000 ? 'near' : 'ok'
}
