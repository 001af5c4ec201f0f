import { describe, expect, it } from 'vitest'
import type { Promoter } from '@/api/campaigns'
import { checkShift, emptyShift, figure, perHourChartOption, promoterRows, shiftRequest, type ShiftForm } from './promoters'

const campaign = { starts_on: '2026-12-10', ends_on: '2026-12-14', skus: ['P1', 'P2'] }
const form = (over: Partial<ShiftForm> = {}): ShiftForm => ({ date: '2026-12-11', start_time: '09:00', end_time: '17:30', lines: [{ sku: 'P1', qty: '42' }], ...over })

describe('checkShift', () => {
  it('passes a shift inside the campaign with campaign SKUs', () => expect(checkShift(form(), campaign)).toEqual({}))

  it.each([
    [{ date: '' }, { date: 'campaigns.promoters.dateRequired' }],
    [{ date: '2026-12-09' }, { date: 'campaigns.promoters.dateOutside' }],
    [{ date: '2026-12-15' }, { date: 'campaigns.promoters.dateOutside' }],
    [{ start_time: '9:00' }, { start_time: 'campaigns.promoters.timeFormat' }],
    [{ end_time: '24:00' }, { end_time: 'campaigns.promoters.timeFormat' }],
    [{ end_time: '09:00' }, { end_time: 'campaigns.promoters.endAfterStart' }],
    [{ start_time: '18:00' }, { end_time: 'campaigns.promoters.endAfterStart' }],
  ])('%j is refused as %j', (over, want) => expect(checkShift(form(over), campaign)).toEqual(want))

  it('checks each line: a campaign SKU once, a quantity above 0 with at most 3 decimals', () => {
    const lines = [{ sku: 'P9', qty: '1' }, { sku: 'P1', qty: '0' }, { sku: 'P1', qty: '2' }, { sku: 'P2', qty: '1.2345' }, { sku: '', qty: '' }, { sku: 'P2 ', qty: '100001' }]
    expect(checkShift(form({ lines }), campaign)).toEqual({
      'lines[0].sku': 'campaigns.promoters.skuNotInCampaign',
      'lines[1].qty': 'campaigns.promoters.qtyFormat',
      'lines[2].sku': 'campaigns.promoters.skuTwice',
      'lines[3].qty': 'campaigns.promoters.qtyFormat',
      'lines[5].sku': 'campaigns.promoters.skuTwice',
      'lines[5].qty': 'campaigns.promoters.qtyFormat',
    })
  })
})

describe('shiftRequest', () => {
  it('leaves blank lines out and trims', () => {
    expect(shiftRequest(form({ lines: [{ sku: ' P1 ', qty: ' 3.5 ' }, { sku: '', qty: '' }] }))).toEqual({ date: '2026-12-11', start_time: '09:00', end_time: '17:30', lines: [{ sku: 'P1', qty: '3.5' }] })
  })
  it('starts a form on the given day with one empty line', () => expect(emptyShift('2026-12-10')).toEqual({ date: '2026-12-10', start_time: '09:00', end_time: '17:00', lines: [{ sku: '', qty: '' }] }))
})

const promoter = (over: Partial<Promoter>): Promoter => ({ id: 1, campaign_id: 5, store_id: 2, name: 'Li Na', phone: '', agency: '', shifts: [], hours: '0.000', units: '0.000', units_per_hour: null, ...over })

describe('promoter totals', () => {
  it.each([['12.500', '12.5'], ['8.000', '8'], ['0.125', '0.125'], ['30', '30'], [null, '—']])('figure(%j) reads %s', (v, want) => expect(figure(v)).toBe(want))

  it('makes one row per promoter with contact, shifts and totals', () => {
    const shift = { id: 9, date: '2026-12-11', start_time: '09:00', end_time: '17:00', lines: [], hours: '8.000', units: '40.000', units_per_hour: '5.000' }
    const rows = promoterRows({ promoters: [promoter({ agency: 'Agency', phone: '138', shifts: [shift], hours: '8.000', units: '40.000', units_per_hour: '5.000' }), promoter({ id: 2, name: 'Wang' })] })
    expect(rows).toEqual([
      { id: 1, name: 'Li Na', contact: 'Agency · 138', shifts: 1, hours: '8', units: '40', perHour: '5' },
      { id: 2, name: 'Wang', contact: '', shifts: 0, hours: '0', units: '0', perHour: '—' },
    ])
  })

  it('charts units per hour per promoter, 0 without time worked', () => {
    const option = perHourChartOption({ promoters: [promoter({ units_per_hour: '5.250' }), promoter({ id: 2, name: 'Wang' })] }, 'Units/h') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.xAxis.data).toEqual(['Li Na', 'Wang'])
    expect(option.series[0]?.data).toEqual([5.25, 0])
  })
})
