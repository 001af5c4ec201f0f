// ECharts option of the accuracy trend: one line per department over the approval dates,
// in percent. A plain object (no ECharts import) so it is tested without the library.
import type { AccuracyPoint } from '@/api/stocktakes'

export type ChartOption = Record<string, unknown>

const COLORS = ['#2f7d4f', '#3a7bd5', '#d98c1f', '#8e5bd6', '#d9453b', '#5a8f9e']

/** "0.9876" → 98.76 (percent, 2 decimals). */
export function accuracyPercent(ratio: string): number {
  return Math.round(Number(ratio) * 10000) / 100
}

export function accuracyOption(points: AccuracyPoint[], deptName: (code: string) => string, allStore: string): ChartOption {
  const byDept = new Map<string, AccuracyPoint[]>()
  for (const p of points) byDept.set(p.department_code, [...(byDept.get(p.department_code) ?? []), p])
  const series = [...byDept.entries()].map(([code, pts], i) => ({
    name: code ? deptName(code) : allStore,
    type: 'line',
    showSymbol: true,
    symbolSize: 8,
    color: COLORS[i % COLORS.length],
    data: [...pts]
      .sort((a, b) => a.approved_at.localeCompare(b.approved_at))
      .map((p) => [p.approved_at, accuracyPercent(p.accuracy)]),
  }))
  const values = points.map((p) => accuracyPercent(p.accuracy))
  const low = values.length ? Math.min(...values) : 90
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0, data: series.map((s) => s.name) },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', max: 100, min: Math.max(0, Math.floor(low / 5) * 5 - 5), axisLabel: { formatter: '{value}%' } },
    series,
  }
}
