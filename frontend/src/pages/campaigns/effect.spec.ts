import { describe, expect, it } from 'vitest'
import type { CampaignEffect, EffectFigures } from '@/api/campaigns'
import { effectCards, effectChartOption, effectStoreRows, formatUplift } from './effect'

const figures = (over: Partial<EffectFigures> = {}): EffectFigures => ({
  baseline_qty_per_day: '10.000', promo_qty_per_day: '15.000', baseline_sales_per_day: '30.00', promo_sales_per_day: '37.50',
  uplift_pct: '50.00', incremental_margin: '-4.20', days_out_of_stock: 2, ...over,
})
const review = (store_id: number, text: string, version: number) => ({ store_id, review: text, reviewed_by: null, reviewed_by_name: '', reviewed_at: null, version })

describe('formatUplift', () => {
  it.each([
    ['50.00', '+50.00 %'],
    ['-12.50', '-12.50 %'],
    ['0.00', '0.00 %'],
    [null, '—'],
  ])('%j reads %s', (pct, text) => expect(formatUplift(pct)).toBe(text))
})

describe('effectCards', () => {
  it('colours a rise good, a margin loss and days out of stock bad', () => {
    expect(effectCards(figures()).map((c) => [c.key, c.value, c.tone])).toEqual([
      ['uplift', '+50.00 %', 'good'],
      ['promoQty', '15.000 / 10.000', ''],
      ['promoSales', '37.50 / 30.00', ''],
      ['margin', '-4.20', 'bad'],
      ['outOfStock', '2', 'bad'],
    ])
  })

  it('leaves the uplift uncoloured without a baseline', () => {
    expect(effectCards(figures({ uplift_pct: null, days_out_of_stock: 0 })).filter((c) => c.tone !== '').map((c) => c.key)).toEqual(['margin'])
  })
})

describe('effect chart and stores', () => {
  const effect = {
    items: [{ ...figures(), sku: 'P1', name: '草莓', regular_price: '3.00', promo_price: '2.50' }],
    stores: [
      { ...figures({ uplift_pct: null }), store_id: 1, store_code: 'sh-pudong', store_name: '浦东店', review: review(1, '堆头好', 2) },
      { ...figures(), store_id: 3, store_code: 'gz-tianhe', store_name: '天河店', review: review(3, '', 0) },
    ],
  } as unknown as CampaignEffect

  it('puts baseline beside campaign units per item', () => {
    const option = effectChartOption(effect, { baseline: 'B', promo: 'P' }) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] }
    expect(option.xAxis.data).toEqual(['P1 草莓'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['B', [10]], ['P', [15]]])
  })

  it('gives each store its uplift, margin and whether it has reviewed', () => {
    expect(effectStoreRows(effect).map((r) => [r.store, r.uplift, r.incremental_margin, r.reviewed, r.reviewVersion])).toEqual([
      ['sh-pudong 浦东店', '—', '-4.20', true, 2],
      ['gz-tianhe 天河店', '+50.00 %', '-4.20', false, 0],
    ])
  })
})
