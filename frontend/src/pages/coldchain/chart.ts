// The temperature chart's option (ECharts): the readings as a line (with each bucket's lowest
// reading as a second line when the server downsampled), the allowed range as a band and the
// out-of-range points marked. Plain functions, tested without a browser.
import type { TemperatureChart } from '@/api/coldchain'

export type ChartOption = Record<string, unknown>

export interface ChartLabels {
  reading: string
  low: string
  allowed: string
  outOfRange: string
}

/** The band's bounds: a side without a limit reaches just past the readings. */
export function band(chart: Pick<TemperatureChart, 'min_celsius' | 'max_celsius' | 'points'>): [number, number] | null {
  const lo = chart.min_celsius === null ? null : Number(chart.min_celsius)
  const hi = chart.max_celsius === null ? null : Number(chart.max_celsius)
  if (lo === null && hi === null) return null
  const values = chart.points.flatMap((p) => [Number(p.min), Number(p.max)])
  const low = Math.min(...values, hi ?? Infinity) - 2
  const high = Math.max(...values, lo ?? -Infinity) + 2
  return [lo ?? Math.floor(low), hi ?? Math.ceil(high)]
}

/** The out-of-range points to mark (at most 60, the worst reading of each). */
export function alertPoints(chart: Pick<TemperatureChart, 'min_celsius' | 'points'>): Array<[string, number]> {
  const lo = chart.min_celsius === null ? null : Number(chart.min_celsius)
  return chart.points
    .filter((p) => p.out_of_range)
    .slice(-60)
    .map((p) => [p.at, lo !== null && Number(p.min) < lo ? Number(p.min) : Number(p.max)])
}

export function temperatureChartOption(chart: TemperatureChart, labels: ChartLabels): ChartOption {
  const bounds = band(chart)
  const bucketed = chart.bucket_seconds > 0
  const series: Record<string, unknown>[] = [
    {
      name: labels.reading,
      type: 'line',
      showSymbol: !bucketed && chart.points.length < 80,
      color: '#2f6f4f',
      data: chart.points.map((p) => [p.at, Number(p.max)]),
      markArea: bounds ? { silent: true, itemStyle: { color: 'rgba(47, 111, 79, 0.12)' }, data: [[{ name: labels.allowed, yAxis: bounds[0] }, { yAxis: bounds[1] }]] } : undefined,
      markPoint: {
        symbol: 'circle',
        symbolSize: 12,
        itemStyle: { color: '#c45656' },
        label: { show: false },
        data: alertPoints(chart).map(([at, value]) => ({ name: labels.outOfRange, coord: [at, value], value })),
      },
    },
  ]
  if (bucketed) series.push({ name: labels.low, type: 'line', showSymbol: false, color: '#8a9a90', data: chart.points.map((p) => [p.at, Number(p.min)]) })
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: '°C', scale: true },
    series,
  }
}
