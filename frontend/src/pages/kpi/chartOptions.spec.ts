import { describe, expect, it } from 'vitest'
import type { Kpi, KpiKey, KpiRow, KpiSeriesPoint } from '@/api/kpis'
import { KPI_KEYS } from '@/api/kpis'
import { barChartHeight, breakdownOption, CHART_COLORS, MAX_PART_BARS, compactNumber, cumulative, departmentBarOption, trendOption } from './chartOptions'
import { STATUS_COLORS } from './kpiFormat'

const labels = { sales: 'Sales', budget: 'Budget', grossMargin: 'GM' }
type Series = { name: string; type: string; data: unknown[]; color?: string; lineStyle?: { type: string } }

function point(date: string, sales: string, budget: string | null, gm: string): KpiSeriesPoint {
  return { date, sales, gross_margin: gm, labour_cost: '0.00', opex: '0.00', sales_budget: budget }
}

function kpi(actual: string | null, budget: string | null, status: Kpi['status']): Kpi {
  return { actual, budget, variance: null, variance_pct: null, status, last_month: null, last_year: null }
}

function row(code: string, sales: Kpi): KpiRow {
  const empty = Object.fromEntries(KPI_KEYS.map((key) => [key, kpi(null, null, null)])) as Record<KpiKey, Kpi>
  return { ...empty, sales, department_code: code }
}

describe('compactNumber', () => {
  it('uses 万 and 亿 in Chinese, k and M in English', () => {
    expect(compactNumber(123456, 'zh-CN')).toBe('12.3万')
    expect(compactNumber(250000000, 'zh-CN')).toBe('2.5亿')
    expect(compactNumber(950, 'zh-CN')).toBe('950')
    expect(compactNumber(123456, 'en')).toBe('123.5k')
    expect(compactNumber(2500000, 'en')).toBe('2.5M')
  })
})

describe('cumulative', () => {
  it('adds up and keeps the running total over gaps', () => {
    expect(cumulative([null, 1.1, null, 2.2, 3])).toEqual([null, 1.1, 1.1, 3.3, 6.3])
  })
})

describe('trendOption', () => {
  const series = [point('2026-11-01', '100.00', '120.00', '25.00'), point('2026-11-02', '140.50', '120.00', '-3.20')]

  it('draws daily sales bars, the pro-rated budget as a dashed line and gross margin', () => {
    const option = trendOption(series, labels, 'zh-CN')
    const drawn = option.series as Series[]
    expect(drawn.map((s) => [s.name, s.type])).toEqual([
      ['Sales', 'bar'],
      ['Budget', 'line'],
      ['GM', 'line'],
    ])
    expect(drawn[0]!.data).toEqual([100, 140.5])
    expect(drawn[1]!.lineStyle?.type).toBe('dashed')
    expect(drawn[2]!.data).toEqual([25, -3.2])
    expect(drawn.map((s) => s.color)).toEqual([CHART_COLORS.sales, CHART_COLORS.budget, CHART_COLORS.grossMargin])
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-11-01', '2026-11-02'])
  })

  it('shows running totals on request', () => {
    const drawn = trendOption(series, labels, 'en', true).series as Series[]
    expect(drawn[0]!.type).toBe('line')
    expect(drawn[0]!.data).toEqual([100, 240.5])
    expect(drawn[1]!.data).toEqual([120, 240])
  })

  it('leaves the budget line out when there is no budget', () => {
    const option = trendOption([point('2026-11-01', '1.00', null, '0.50')], labels, 'en')
    expect((option.series as Series[]).map((s) => s.name)).toEqual(['Sales', 'GM'])
    expect((option.legend as { data: string[] }).data).toEqual(['Sales', 'GM'])
    expect((option.series as Series[])[1]!.color).toBe(CHART_COLORS.grossMargin)
  })
})

describe('departmentBarOption', () => {
  it('colours each actual bar by its status, grey without a budget', () => {
    const rows = [row('produce', kpi('500.00', '400.00', 'on_track')), row('meat', kpi('300.00', '600.00', 'off_track')), row('dry', kpi('80.00', null, null))]
    const option = departmentBarOption(rows, 'sales', (code) => code.toUpperCase(), { actual: 'A', budget: 'B' }, 'en')
    expect((option.xAxis as { data: string[] }).data).toEqual(['PRODUCE', 'MEAT', 'DRY'])
    const [actual, budget] = option.series as { data: unknown[] }[]
    expect(actual!.data).toEqual([
      { value: 500, itemStyle: { color: STATUS_COLORS.on_track } },
      { value: 300, itemStyle: { color: STATUS_COLORS.off_track } },
      { value: 80, itemStyle: { color: STATUS_COLORS.none } },
    ])
    expect(budget!.data).toEqual([400, 600, null])
  })
})

describe('breakdownOption', () => {
  it('puts the biggest part on top with its share as the label', () => {
    const option = breakdownOption(
      [
        { key: 'meat', label: '肉类', actual: '200.00', share_pct: '20.00' },
        { key: 'produce', label: '果蔬', actual: '800.00', share_pct: '80.00' },
      ],
      'zh-CN',
    )
    expect((option.yAxis as { data: string[]; inverse: boolean }).data).toEqual(['果蔬', '肉类'])
    const bars = (option.series as { data: { value: number; share: string }[]; label: { formatter: (p: unknown) => string } }[])[0]!
    expect(bars.data.map((d) => d.value)).toEqual([800, 200])
    expect(bars.label.formatter({ data: bars.data[0] })).toBe('80.00%')
  })

  it('sums the smallest parts into one "other" bar beyond twelve', () => {
    const parts = Array.from({ length: 15 }, (_, i) => ({ key: `c${i}`, label: `C${i}`, actual: `${(15 - i) * 10}.00`, share_pct: '1.50' }))
    const option = breakdownOption(parts, 'en', 'Other')
    const names = (option.yAxis as { data: string[] }).data
    expect(names).toHaveLength(MAX_PART_BARS)
    expect(names.slice(0, 2)).toEqual(['C0', 'C1'])
    expect(names.at(-1)).toBe('Other')
    const bars = (option.series as { data: { value: number; share: string }[] }[])[0]!.data
    // C11..C14: 40 + 30 + 20 + 10
    expect(bars.at(-1)).toEqual({ name: 'Other', value: 100, share: '6.00%' })
  })

  it('sizes bar charts by the number of bars', () => {
    expect(barChartHeight(1)).toBe(160)
    expect(barChartHeight(10)).toBe(388)
  })
})
