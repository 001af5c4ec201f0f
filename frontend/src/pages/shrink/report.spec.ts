import { describe, expect, it } from 'vitest'
import { budgetLevel, dayOption, lastFourWeeks, reasonOption } from './report'

const names = { write_off: 'Write-offs', markdown: 'Markdowns', stocktake: 'Stocktakes' }

describe('lastFourWeeks', () => {
  it('is the 28 days up to today, across a month and a year', () => {
    expect(lastFourWeeks('2026-11-30')).toEqual(['2026-11-03', '2026-11-30'])
    expect(lastFourWeeks('2026-12-01')).toEqual(['2026-11-04', '2026-12-01'])
    expect(lastFourWeeks('2027-01-10')).toEqual(['2026-12-14', '2027-01-10'])
  })
})

describe('dayOption', () => {
  const rows = [
    { date: '2026-11-01', write_off: '10.50', markdown: '2.00', stocktake: '0.00', total: '12.50' },
    { date: '2026-11-02', write_off: '0.00', markdown: '4.25', stocktake: '30.00', total: '34.25' },
  ]

  it('stacks the three sources per day in yuan', () => {
    const option = dayOption(rows, names) as { xAxis: { data: string[] }; series: { name: string; stack: string; data: number[] }[] }
    expect(option.xAxis.data).toEqual(['11-01', '11-02'])
    expect(option.series.map((s) => s.name)).toEqual(['Write-offs', 'Markdowns', 'Stocktakes'])
    expect(option.series.every((s) => s.stack === 'shrink')).toBe(true)
    expect(option.series[0]!.data).toEqual([10.5, 0])
    expect(option.series[1]!.data).toEqual([2, 4.25])
    expect(option.series[2]!.data).toEqual([0, 30])
  })
})

describe('reasonOption', () => {
  it('puts the largest reason first, leaves out empty ones and names them in our words', () => {
    const option = reasonOption(
      [
        { reason: 'spoiled', amount: '20.00', count: 2 },
        { reason: 'markdown', amount: '55.10', count: 3 },
        { reason: 'theft', amount: '0.00', count: 0 },
      ],
      (r) => `«${r}»`,
    ) as { yAxis: { data: string[] }; series: { data: number[] }[] }
    expect(option.yAxis.data).toEqual(['«markdown»', '«spoiled»'])
    expect(option.series[0]!.data).toEqual([55.1, 20])
  })
})

describe('budgetLevel', () => {
  it.each([
    [null, null],
    ['12.00', 'ok'],
    ['80.00', 'near'],
    ['100.00', 'near'],
    ['100.01', 'over'],
  ])('reads %j as %j', (used, level) => {
    expect(budgetLevel(used)).toBe(level)
  })
})
