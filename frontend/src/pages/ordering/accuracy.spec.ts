import { describe, expect, it } from 'vitest'
import type { AccuracyRow } from '@/api/ordering'
import { accuracyOption, weeklyTotals } from './accuracy'

const row = (week_start: string, department_code: string, forecast: string, actual: string): AccuracyRow => ({
  week_start,
  department_code,
  forecast,
  actual,
  wape: null,
  bias: null,
  lines: 3,
})

const rows = [
  row('2026-11-16', 'produce', '100.100', '90.000'),
  row('2026-11-09', 'produce', '80.000', '85.000'),
  row('2026-11-16', 'meat', '20.200', '25.000'),
]

describe('weeklyTotals', () => {
  it('adds the departments up per week, oldest week first', () => {
    expect(weeklyTotals(rows)).toEqual([
      { week: '2026-11-09', forecast: 80, actual: 85 },
      { week: '2026-11-16', forecast: 120.3, actual: 115 },
    ])
  })

  it('keeps one department when asked', () => {
    expect(weeklyTotals(rows, 'meat')).toEqual([{ week: '2026-11-16', forecast: 20.2, actual: 25 }])
  })
})

describe('accuracyOption', () => {
  it('draws forecast and actual bars per week', () => {
    const option = accuracyOption(weeklyTotals(rows), { forecast: 'F', actual: 'A' }) as {
      xAxis: { data: string[] }
      series: { name: string; data: number[] }[]
    }
    expect(option.xAxis.data).toEqual(['11-09', '11-16'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['F', [80, 120.3]],
      ['A', [85, 115]],
    ])
  })
})
