// The effect report's data: the headline cards, the chart of mean daily units per item before
// and during the campaign, and the stores table. Plain functions of the server's answer.
import type { CampaignEffect, EffectFigures } from '@/api/campaigns'
import type { ChartOption } from './compliance'

export interface EffectCard {
  key: 'uplift' | 'promoQty' | 'promoSales' | 'margin' | 'outOfStock'
  value: string
  /** 'good', 'bad' or '' for the colour of the figure. */
  tone: 'good' | 'bad' | ''
}

/** "+12.5 %", "-3 %", or "—" without a baseline. */
export function formatUplift(pct: string | null): string {
  if (pct === null) return '—'
  const n = Number(pct)
  return `${n > 0 ? '+' : ''}${pct} %`
}

const sign = (text: string): 'good' | 'bad' | '' => (text.startsWith('-') ? 'bad' : Number(text) > 0 ? 'good' : '')

/** The campaign's headline figures. */
export function effectCards(total: EffectFigures): EffectCard[] {
  return [
    { key: 'uplift', value: formatUplift(total.uplift_pct), tone: total.uplift_pct === null ? '' : sign(total.uplift_pct) },
    { key: 'promoQty', value: `${total.promo_qty_per_day} / ${total.baseline_qty_per_day}`, tone: '' },
    { key: 'promoSales', value: `${total.promo_sales_per_day} / ${total.baseline_sales_per_day}`, tone: '' },
    { key: 'margin', value: total.incremental_margin, tone: sign(total.incremental_margin) },
    { key: 'outOfStock', value: String(total.days_out_of_stock), tone: total.days_out_of_stock > 0 ? 'bad' : '' },
  ]
}

/** Bars per item: mean daily units in the baseline beside the campaign's. */
export function effectChartOption(effect: Pick<CampaignEffect, 'items'>, labels: { baseline: string; promo: string }): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: effect.items.map((i) => `${i.sku} ${i.name}`), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value' },
    series: [
      { name: labels.baseline, type: 'bar', color: '#8a9a90', barMaxWidth: 36, data: effect.items.map((i) => Number(i.baseline_qty_per_day)) },
      { name: labels.promo, type: 'bar', color: '#2f6f4f', barMaxWidth: 36, data: effect.items.map((i) => Number(i.promo_qty_per_day)) },
    ],
  }
}

/** A store row of the table, with its review written or not. */
export interface EffectStoreRow {
  store_id: number
  store: string
  uplift: string
  incremental_margin: string
  days_out_of_stock: number
  review: string
  reviewed: boolean
  reviewVersion: number
}

export function effectStoreRows(effect: Pick<CampaignEffect, 'stores'>): EffectStoreRow[] {
  return effect.stores.map((s) => ({
    store_id: s.store_id,
    store: s.store_name ? `${s.store_code} ${s.store_name}` : s.store_code,
    uplift: formatUplift(s.uplift_pct),
    incremental_margin: s.incremental_margin,
    days_out_of_stock: s.days_out_of_stock,
    review: s.review.review,
    reviewed: s.review.version > 0,
    reviewVersion: s.review.version,
  }))
}
