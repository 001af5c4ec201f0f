import { describe, expect, it } from 'vitest'
import type { LineExplanation } from '@/api/ordering'
import { dayParts, explainTerms, historyForecastOption, percentText } from './explain'

const base: LineExplanation = {
  method: 'damped_trend',
  until_delivery: '4.000',
  forecast: '20.000',
  cover_days: 2,
  lead_days: 1,
  safety_stock: '3.500',
  service_level: 0.95,
  on_hand: '6.000',
  on_order: '2.000',
  need: '15.500',
  shelf_life_cap: null,
  cap_binds: false,
  case_pack: '6.000',
  min_order_qty: '0.000',
  min_order_raised: false,
  rounding: 'nearest',
  reduced_service_level: false,
  days: [],
}

const keys = (ex: LineExplanation) => explainTerms(ex, 'each', '18.000').map((term) => term.key)

describe('explainTerms', () => {
  it('works the suggestion out in order, with quantities as people read them', () => {
    const terms = explainTerms(base, 'each', '18.000')
    expect(terms.map((term) => term.key)).toEqual(['forecast', 'untilDelivery', 'safety', 'onHand', 'onOrder', 'need', 'roundNearest', 'suggested'])
    expect(terms[0]).toEqual({ key: 'forecast', params: { qty: '20', days: 2 } })
    expect(terms[2]).toEqual({ key: 'safety', params: { qty: '3.5', level: '95' } })
    expect(terms.filter((term) => term.minus).map((term) => term.key)).toEqual(['onHand', 'onOrder'])
    expect(terms.at(-1)).toEqual({ key: 'suggested', params: { qty: '18' } })
  })

  it('keeps kilograms to three places', () => {
    const terms = explainTerms({ ...base, forecast: '12.250' }, 'kg', '12.500')
    expect(terms[0]!.params.qty).toBe('12.250')
  })

  it('says whether the shelf-life cap binds', () => {
    const capped = explainTerms({ ...base, shelf_life_days: 3, shelf_life_cap: '12.000', cap_binds: true }, 'each', '12.000')
    expect(capped.find((term) => term.key === 'capBinds')).toEqual({ key: 'capBinds', params: { qty: '12', days: 3 }, binding: true })
    expect(keys({ ...base, shelf_life_days: 5, shelf_life_cap: '40.000' })).toContain('capFree')
  })

  it('names a lowered service level and a raised minimum order', () => {
    const ex = { ...base, reduced_service_level: true, service_level: 0.9, min_order_qty: '24.000', min_order_raised: true }
    const terms = explainTerms(ex, 'each', '24.000')
    expect(terms.find((term) => term.key === 'safetyReduced')?.params.level).toBe('90')
    expect(terms.find((term) => term.key === 'minRaised')).toMatchObject({ binding: true, params: { qty: '24' } })
  })

  it('says how the need was rounded to whole cases', () => {
    expect(explainTerms({ ...base, rounding: 'up' }, 'each', '18.000')[6]).toEqual({ key: 'roundUp', params: { qty: '6' }, binding: false })
    expect(explainTerms({ ...base, rounding: 'down_cap' }, 'each', '12.000')[6]).toMatchObject({ key: 'roundDownCap', binding: true })
  })

  it('leaves out a minimum order of zero', () => {
    expect(keys(base)).not.toContain('minOrder')
  })
})

describe('percentText', () => {
  it('keeps one decimal only where there is one', () => {
    expect(percentText(0.95)).toBe('95')
    expect(percentText(0.975)).toBe('97.5')
  })
})

describe('dayParts', () => {
  const day = { date: '2026-12-01', units: 10, level: 8.5, trend: 0, weekday: 1.2, yearly: 1, event: 1, promo: 1 }

  it('lists the level and the factors that change the day', () => {
    expect(dayParts(day)).toEqual([
      ['level', '8.5'],
      ['weekday', '×1.2'],
    ])
  })

  it('signs the trend and names the events', () => {
    expect(dayParts({ ...day, trend: -0.4, event: 1.8, events: '元旦+店庆' })).toEqual([
      ['level', '8.5'],
      ['trend', '-0.4'],
      ['weekday', '×1.2'],
      ['event', '×1.8'],
      ['events', '元旦, 店庆'],
    ])
  })
})

describe('historyForecastOption', () => {
  it('puts the sales first and the forecast after them on one date axis', () => {
    const option = historyForecastOption(
      [
        { date: '2026-11-29', qty: '5.000' },
        { date: '2026-11-30', qty: '7.000' },
      ],
      [{ date: '2026-12-01', units: 6.5, level: 6, trend: 0, weekday: 1.08, yearly: 1, event: 1, promo: 1 }],
      { sales: 'Sales', forecast: 'Forecast' },
    ) as { xAxis: { data: string[] }; series: { name: string; data: (number | null)[] }[] }
    expect(option.xAxis.data).toEqual(['11-29', '11-30', '12-01'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Sales', [5, 7, null]],
      ['Forecast', [null, null, 6.5]],
    ])
  })
})
