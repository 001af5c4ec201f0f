// A line's suggestion in words, term by term, as the "Why?" panel lists it, and the small
// chart of its last 28 days of sales followed by the forecast days. Plain data (message
// keys with their parameters, an ECharts option object) so both are tested without a page.
import type { LineExplanation, OrderLineDetail } from '@/api/ordering'

type ExplanationDay = LineExplanation['days'][number]
type SalesPoint = OrderLineDetail['history'][number]
import { formatQty } from '@/format'

/** One sentence of the explanation: `ordering.why.<key>` with its parameters. */
export interface ExplainTerm {
  key: string
  params: Record<string, string | number>
  /** The figure is taken off the need (on hand, on order). */
  minus?: boolean
  /** A rule that changed the result (a binding shelf-life cap, a raised minimum). */
  binding?: boolean
}

/** 0.95 → "95", 0.975 → "97.5". */
export function percentText(ratio: number): string {
  return String(Math.round(ratio * 1000) / 10)
}

/** The explanation's terms in the order the suggestion is worked out. */
export function explainTerms(ex: LineExplanation, unit: string, suggested: string): ExplainTerm[] {
  const q = (value: string | null) => formatQty(value, unit)
  const terms: ExplainTerm[] = [
    { key: 'forecast', params: { qty: q(ex.forecast), days: ex.cover_days } },
    { key: 'untilDelivery', params: { qty: q(ex.until_delivery), days: ex.lead_days } },
    {
      key: ex.reduced_service_level ? 'safetyReduced' : 'safety',
      params: { qty: q(ex.safety_stock), level: percentText(ex.service_level) },
    },
    { key: 'onHand', params: { qty: q(ex.on_hand) }, minus: true },
    { key: 'onOrder', params: { qty: q(ex.on_order) }, minus: true },
    { key: 'need', params: { qty: q(ex.need) } },
  ]
  if (ex.shelf_life_cap !== null) {
    terms.push({
      key: ex.cap_binds ? 'capBinds' : 'capFree',
      params: { qty: q(ex.shelf_life_cap), days: ex.shelf_life_days ?? '' },
      binding: ex.cap_binds,
    })
  }
  terms.push({ key: ROUNDING_KEYS[ex.rounding], params: { qty: q(ex.case_pack) }, binding: ex.rounding === 'down_cap' })
  if (Number(ex.min_order_qty) > 0) {
    terms.push({ key: ex.min_order_raised ? 'minRaised' : 'minOrder', params: { qty: q(ex.min_order_qty) }, binding: ex.min_order_raised })
  }
  terms.push({ key: 'suggested', params: { qty: q(suggested) } })
  return terms
}

/** How the need was rounded to whole case packs, as the term's message key. */
const ROUNDING_KEYS: Record<LineExplanation['rounding'], string> = {
  exact: 'roundExact',
  nearest: 'roundNearest',
  up: 'roundUp',
  down_cap: 'roundDownCap',
}

/**
 * The parts of one forecast day that say something, for its line under the chart: the level
 * always, the trend when it adds anything, the factors that are not 1 (×1.2), the events.
 */
export function dayParts(day: ExplanationDay): [string, string][] {
  const parts: [string, string][] = [['level', String(day.level)]]
  if (day.trend !== 0) parts.push(['trend', `${day.trend > 0 ? '+' : ''}${day.trend}`])
  for (const key of ['weekday', 'yearly', 'event', 'promo'] as const) {
    if (day[key] !== 1) parts.push([key, `×${day[key]}`])
  }
  if (day.events) parts.push(['events', day.events.split('+').join(', ')])
  return parts
}

export type ChartOption = Record<string, unknown>

/**
 * Sales of the last days as bars, then the forecast days as a dashed line, on one axis of
 * dates; the two series share no day, so each day shows one figure.
 */
export function historyForecastOption(history: SalesPoint[], days: ExplanationDay[], names: { sales: string; forecast: string }): ChartOption {
  const dates = [...history.map((p) => p.date), ...days.map((d) => d.date)]
  const sales = [...history.map((p) => Number(p.qty)), ...days.map(() => null)]
  const forecast = [...history.map(() => null), ...days.map((d) => Number(d.units))]
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.sales, names.forecast] },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: dates.map((d) => d.slice(5)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.sales, type: 'bar', data: sales, color: '#6b8f7a', barMaxWidth: 10 },
      { name: names.forecast, type: 'line', data: forecast, color: '#d98c1f', lineStyle: { type: 'dashed' }, symbolSize: 6 },
    ],
  }
}
