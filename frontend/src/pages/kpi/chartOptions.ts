// ECharts options of the KPI screens, built from API data as plain objects. Nothing here
// imports ECharts: the options are tested without it, and the library itself is loaded
// only by the chart component (see components/charts/EChart.vue).
import type { BreakdownPart, KpiKey, KpiRow, KpiSeriesPoint } from '@/api/kpis'
import { chartNumber, STATUS_COLORS, statusStyle } from './kpiFormat'

/** An ECharts option object (kept loose so this file needs no ECharts types). */
export type ChartOption = Record<string, unknown>

export const CHART_COLORS = {
  sales: '#2f7d4f',
  budget: '#8a968f',
  grossMargin: '#3a7bd5',
  neutral: '#6da486',
}

/** Axis labels: 12万 / 1.2亿 in Chinese, 12k / 1.2M in English. */
export function compactNumber(value: number, locale: string): string {
  const abs = Math.abs(value)
  const trim = (n: number) => String(Math.round(n * 10) / 10)
  if (locale.startsWith('zh')) {
    if (abs >= 1e8) return `${trim(value / 1e8)}亿`
    if (abs >= 1e4) return `${trim(value / 1e4)}万`
    return trim(value)
  }
  if (abs >= 1e6) return `${trim(value / 1e6)}M`
  if (abs >= 1e3) return `${trim(value / 1e3)}k`
  return trim(value)
}

/** Running totals; a missing day adds nothing, and the line stays null until the first value. */
export function cumulative(values: (number | null)[]): (number | null)[] {
  let sum: number | null = null
  return values.map((value) => {
    if (value !== null) sum = Math.round(((sum ?? 0) + value) * 100) / 100
    return sum
  })
}

export interface TrendLabels {
  sales: string
  budget: string
  grossMargin: string
}

/**
 * The daily trend: sales against the day's share of the sales target, and gross margin.
 * Cumulative shows the month's running totals, where being behind the budget line is
 * easiest to see.
 */
export function trendOption(series: KpiSeriesPoint[], labels: TrendLabels, locale: string, running = false): ChartOption {
  const dates = series.map((point) => point.date)
  let sales = series.map((point) => chartNumber(point.sales))
  let budget = series.map((point) => chartNumber(point.sales_budget))
  let margin = series.map((point) => chartNumber(point.gross_margin))
  if (running) {
    sales = cumulative(sales)
    budget = cumulative(budget)
    margin = cumulative(margin)
  }
  const hasBudget = budget.some((value) => value !== null)
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [labels.sales, ...(hasBudget ? [labels.budget] : []), labels.grossMargin] },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: dates,
      axisLabel: { formatter: (value: string) => value.slice(5) },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => compactNumber(value, locale) } },
    series: [
      running
        ? { name: labels.sales, type: 'line', data: sales, showSymbol: false, color: CHART_COLORS.sales, areaStyle: { opacity: 0.12 } }
        : { name: labels.sales, type: 'bar', data: sales, color: CHART_COLORS.sales, barMaxWidth: 18 },
      ...(hasBudget
        ? [
            {
              name: labels.budget,
              type: 'line',
              data: budget,
              showSymbol: false,
              color: CHART_COLORS.budget,
              lineStyle: { type: 'dashed', width: 2 },
            },
          ]
        : []),
      { name: labels.grossMargin, type: 'line', data: margin, showSymbol: false, smooth: true, color: CHART_COLORS.grossMargin },
    ],
  }
}

export interface DepartmentBarLabels {
  actual: string
  budget: string
}

/**
 * Actual against budget of one KPI per department: grouped bars, the actual bar coloured
 * by its status (grey without a budget).
 */
export function departmentBarOption(
  rows: KpiRow[],
  kpi: KpiKey,
  name: (code: string) => string,
  labels: DepartmentBarLabels,
  locale: string,
): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: [labels.actual, labels.budget] },
    grid: { left: 8, right: 12, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((row) => name(row.department_code)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => compactNumber(value, locale) } },
    series: [
      {
        name: labels.actual,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: CHART_COLORS.sales },
        data: rows.map((row) => ({
          value: chartNumber(row[kpi].actual),
          itemStyle: { color: statusStyle(row[kpi].status).color },
        })),
      },
      {
        name: labels.budget,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#d4dbd7', borderColor: CHART_COLORS.budget, borderType: 'dashed', borderWidth: 1 },
        data: rows.map((row) => chartNumber(row[kpi].budget)),
      },
    ],
  }
}

/** Bars a drill-down chart shows at most; the smaller parts are summed into one "other" bar. */
export const MAX_PART_BARS = 12

/**
 * The parts of a KPI (drill-down) as horizontal bars, biggest on top, labelled with their
 * share. Beyond `MAX_PART_BARS` the smallest parts become one bar named `other`.
 */
export function breakdownOption(parts: BreakdownPart[], locale: string, other = 'Other'): ChartOption {
  const value = (part: BreakdownPart) => chartNumber(part.actual) ?? 0
  const sorted = [...parts].sort((a, b) => value(b) - value(a))
  let bars = sorted.map((part) => ({ name: part.label || part.key, value: value(part), share: chartNumber(part.share_pct) }))
  if (bars.length > MAX_PART_BARS) {
    const rest = bars.slice(MAX_PART_BARS - 1)
    const sum = (xs: (number | null)[]) => Math.round(xs.reduce<number>((acc, x) => acc + (x ?? 0), 0) * 100) / 100
    bars = [
      ...bars.slice(0, MAX_PART_BARS - 1),
      { name: other, value: sum(rest.map((b) => b.value)), share: rest.every((b) => b.share === null) ? null : sum(rest.map((b) => b.share)) },
    ]
  }
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => compactNumber(v, locale) } },
    yAxis: { type: 'category', inverse: true, data: bars.map((bar) => bar.name) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: CHART_COLORS.neutral },
        label: { show: true, position: 'right', formatter: (item: { data: { share: string } }) => item.data.share },
        data: bars.map((bar) => ({ name: bar.name, value: bar.value, share: bar.share === null ? '' : `${bar.share.toFixed(2)}%` })),
      },
    ],
  }
}

/** The height a horizontal bar chart needs for `count` bars. */
export function barChartHeight(count: number, min = 160, perBar = 34): number {
  return Math.max(min, 48 + count * perBar)
}

export { STATUS_COLORS }
