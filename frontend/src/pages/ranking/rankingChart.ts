// The ranking's chart: one horizontal bar per store in rank order, coloured by status,
// with the store's budget as a second, grey bar. A plain option object (no ECharts import).
import type { KpiKey, RankingItem } from '@/api/kpis'
import { CHART_COLORS, compactNumber, type ChartOption } from '@/pages/kpi/chartOptions'
import { chartNumber, PERCENT_KPIS, statusStyle } from '@/pages/kpi/kpiFormat'

export interface RankingLabels {
  actual: string
  budget: string
}

/** "上海浦东店" or, when two stores share a name, "上海浦东店 (SH01)". */
export function storeLabel(item: RankingItem, all: RankingItem[]): string {
  const twins = all.filter((other) => other.store_name === item.store_name).length
  return twins > 1 ? `${item.store_name} (${item.store_code})` : item.store_name
}

export function rankingOption(items: RankingItem[], kpi: KpiKey, labels: RankingLabels, locale: string): ChartOption {
  const ordered = [...items].sort((a, b) => a.rank - b.rank)
  const percent = PERCENT_KPIS.has(kpi)
  const axis = (value: number) => (percent ? `${value}%` : compactNumber(value, locale))
  const hasBudget = ordered.some((item) => item.budget !== null)
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: hasBudget ? [labels.actual, labels.budget] : [labels.actual] },
    grid: { left: 8, right: 64, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: axis } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ordered.map((item) => `${item.rank}. ${storeLabel(item, ordered)}`),
    },
    series: [
      {
        name: labels.actual,
        type: 'bar',
        barMaxWidth: 20,
        // The legend's colour: green, or grey when no store has a budget to be judged by.
        itemStyle: { color: hasBudget ? CHART_COLORS.sales : statusStyle(null).color },
        label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : axis(p.value)) },
        data: ordered.map((item) => ({ value: chartNumber(item.actual), itemStyle: { color: statusStyle(item.status).color } })),
      },
      ...(hasBudget
        ? [
            {
              name: labels.budget,
              type: 'bar',
              barMaxWidth: 20,
              itemStyle: { color: '#d4dbd7', borderColor: CHART_COLORS.budget, borderType: 'dashed', borderWidth: 1 },
              data: ordered.map((item) => chartNumber(item.budget)),
            },
          ]
        : []),
    ],
  }
}
