// The forecast accuracy report as chart data: forecast against actual sales per week (all
// the departments shown, or one), as an ECharts option object built without the library.
import type { AccuracyRow } from '@/api/ordering'
import type { ChartOption } from './explain'

export interface WeekTotal {
  week: string
  forecast: number
  actual: number
}

/** Forecast and actual units per week, summed over the departments (or of `department` only). */
export function weeklyTotals(rows: AccuracyRow[], department = ''): WeekTotal[] {
  const byWeek = new Map<string, WeekTotal>()
  for (const row of rows) {
    if (department && row.department_code !== department) continue
    const week = row.week_start ?? ''
    const total = byWeek.get(week) ?? { week, forecast: 0, actual: 0 }
    total.forecast += Number(row.forecast)
    total.actual += Number(row.actual)
    byWeek.set(week, total)
  }
  return [...byWeek.values()]
    .map((w) => ({ ...w, forecast: Math.round(w.forecast * 1000) / 1000, actual: Math.round(w.actual * 1000) / 1000 }))
    .sort((a, b) => a.week.localeCompare(b.week))
}

/** Bars of forecast and actual per week. */
export function accuracyOption(totals: WeekTotal[], names: { forecast: string; actual: string }): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.forecast, names.actual] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: totals.map((w) => w.week.slice(5)) },
    yAxis: { type: 'value' },
    series: [
      { name: names.forecast, type: 'bar', data: totals.map((w) => w.forecast), color: '#d98c1f' },
      { name: names.actual, type: 'bar', data: totals.map((w) => w.actual), color: '#2f7d4f' },
    ],
  }
}
