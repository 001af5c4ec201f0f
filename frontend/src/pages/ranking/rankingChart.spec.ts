import { describe, expect, it } from 'vitest'
import type { RankingItem } from '@/api/kpis'
import { STATUS_COLORS } from '@/pages/kpi/kpiFormat'
import { rankingOption, storeLabel } from './rankingChart'

function item(rank: number, code: string, name: string, actual: string | null, budget: string | null, status: RankingItem['status']): RankingItem {
  return { rank, store_id: rank, store_code: code, store_name: name, region: '华东', actual, budget, variance: null, variance_pct: null, status }
}

const items = [
  item(2, 'SH02', '上海徐汇店', '900.00', '1000.00', 'watch'),
  item(1, 'SH01', '上海浦东店', '1200.00', '1000.00', 'on_track'),
  item(3, 'GZ01', '广州天河店', '500.00', null, null),
]

describe('rankingOption', () => {
  it('lists the stores in rank order, the first on top', () => {
    const option = rankingOption(items, 'sales', { actual: '实际', budget: '预算' }, 'zh-CN')
    const y = option.yAxis as { data: string[]; inverse: boolean; type: string }
    expect(y.type).toBe('category')
    expect(y.inverse).toBe(true)
    expect(y.data).toEqual(['1. 上海浦东店', '2. 上海徐汇店', '3. 广州天河店'])
  })

  it('colours the bars by status and adds the budget as a grey bar', () => {
    const option = rankingOption(items, 'sales', { actual: 'A', budget: 'B' }, 'en')
    const [actual, budget] = option.series as { name: string; data: unknown[] }[]
    expect(actual!.data).toEqual([
      { value: 1200, itemStyle: { color: STATUS_COLORS.on_track } },
      { value: 900, itemStyle: { color: STATUS_COLORS.watch } },
      { value: 500, itemStyle: { color: STATUS_COLORS.none } },
    ])
    expect(budget!.name).toBe('B')
    expect(budget!.data).toEqual([1000, 1000, null])
    expect((option.legend as { data: string[] }).data).toEqual(['A', 'B'])
  })

  it('labels percent KPIs with a percent sign and drops the budget bar when nobody has one', () => {
    const option = rankingOption([item(1, 'SH01', 'A', '28.50', null, null)], 'gross_margin_pct', { actual: 'A', budget: 'B' }, 'en')
    const series = option.series as { label: { formatter: (p: { value: number | null }) => string } }[]
    expect(series).toHaveLength(1)
    expect(series[0]!.label.formatter({ value: 28.5 })).toBe('28.5%')
    expect((option.xAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(30)).toBe('30%')
  })

  it('tells twin store names apart by code', () => {
    const twins = [item(1, 'A1', '中心店', '1', null, null), item(2, 'B1', '中心店', '1', null, null)]
    expect(storeLabel(twins[0]!, twins)).toBe('中心店 (A1)')
    expect(storeLabel(items[0]!, items)).toBe('上海徐汇店')
  })
})
