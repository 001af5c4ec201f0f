import { describe, expect, it } from 'vitest'
import { filterGaps, formatGapPct, gapCompetitors, gapStores, lineGap, splitLineErrors, surveyRequest, topGaps } from './surveyForm'
import type { PriceGap } from '@/api/priceSurveys'

describe('surveyRequest', () => {
  it('trims, leaves out an empty note and our price, keeps photos', () => {
    const body = surveyRequest({
      competitor: ' 永辉 ', survey_date: '2026-11-30', note: ' ',
      lines: [
        { sku: '100001', name: 'a', our_price: '', their_price: ' 9.90 ', photos: [] },
        { sku: '100002', name: 'b', our_price: '12.00', their_price: '10.00', photos: [4] },
      ],
    })
    expect(body).toEqual({
      competitor: '永辉', survey_date: '2026-11-30',
      lines: [{ sku: '100001', their_price: '9.90' }, { sku: '100002', our_price: '12.00', their_price: '10.00', photos: [4] }],
    })
  })
})

describe('splitLineErrors', () => {
  it('puts lines[i].field on line i and the rest on the survey', () => {
    expect(splitLineErrors({ 'lines[2].their_price': 'must be above 0', competitor: 'is required', 'lines[0].photos[1]': 'not yours' })).toEqual({
      survey: { competitor: 'is required' },
      lines: { 2: { their_price: 'must be above 0' }, 0: { photos: 'not yours' } },
    })
  })
})

describe('gaps', () => {
  const gap = (sku: string, g: string, pct: string): PriceGap => ({ store_id: 1, sku, name: sku, competitor: 'c', survey_date: '2026-11-30', survey_id: 1, line_no: 1, our_price: '0', their_price: '0', gap: g, gap_pct: pct })
  it('formats the percent with its sign', () => {
    expect(formatGapPct('12.345')).toBe('+12.3%')
    expect(formatGapPct('-3')).toBe('-3.0%')
    expect(formatGapPct('0')).toBe('0.0%')
  })
  it('orders the largest gap first and cuts to n', () => {
    expect(topGaps([gap('a', '1.00', '5'), gap('b', '3.00', '10'), gap('c', '3.00', '20')], 2).map((g) => g.sku)).toEqual(['c', 'b'])
  })
  it('computes the gap of a line being typed', () => {
    expect(lineGap('12.00', '9.90')).toBe('2.10')
    expect(lineGap('', '9.90')).toBe('')
  })
})

describe('chain gaps', () => {
  const gap = (store: number, sku: string, competitor: string, g: string): PriceGap => ({ store_id: store, sku, name: sku, competitor, survey_date: '2026-11-30', survey_id: store, line_no: 1, our_price: '0', their_price: '0', gap: g, gap_pct: '0' })
  const items = [gap(2, 'a', '永辉', '3.00'), gap(1, 'b', '盒马', '2.00'), gap(1, 'c', '永辉', '1.00'), gap(9, 'd', '盒马', '0.50')]
  it('keeps the chosen competitor and store, in order', () => {
    expect(filterGaps(items, { competitor: '', storeId: null }).map((g) => g.sku)).toEqual(['a', 'b', 'c', 'd'])
    expect(filterGaps(items, { competitor: '永辉', storeId: null }).map((g) => g.sku)).toEqual(['a', 'c'])
    expect(filterGaps(items, { competitor: '', storeId: 1 }).map((g) => g.sku)).toEqual(['b', 'c'])
    expect(filterGaps(items, { competitor: '盒马', storeId: 2 })).toEqual([])
  })
  it('lists the competitors and stores once each', () => {
    expect(gapCompetitors(items)).toEqual(['盒马', '永辉'].sort())
    const names = new Map([[1, 'Pudong'], [2, 'Tianhe']])
    expect(gapStores(items, names)).toEqual([{ value: 9, label: '#9' }, { value: 1, label: 'Pudong' }, { value: 2, label: 'Tianhe' }])
  })
})
