import { describe, expect, it } from 'vitest'
import { accuracyOption, accuracyPercent } from './accuracyChart'

describe('accuracy chart', () => {
  it('converts ratios to percent', () => {
    expect(accuracyPercent('0.9876')).toBe(98.76)
    expect(accuracyPercent('1.0000')).toBe(100)
  })

  it('draws one line per department, oldest first, in percent', () => {
    const option = accuracyOption(
      [
        { stocktake_id: 2, department_code: 'produce', approved_at: '2026-11-20T10:00:00Z', accuracy: '0.9500' },
        { stocktake_id: 1, department_code: 'produce', approved_at: '2026-11-10T10:00:00Z', accuracy: '0.9012' },
        { stocktake_id: 3, department_code: '', approved_at: '2026-11-21T10:00:00Z', accuracy: '0.9900' },
      ],
      (code) => `D-${code}`,
      'Whole store',
    )
    const series = option.series as { name: string; type: string; data: [string, number][] }[]
    expect(series.map((s) => [s.name, s.type])).toEqual([
      ['D-produce', 'line'],
      ['Whole store', 'line'],
    ])
    expect(series[0]!.data).toEqual([
      ['2026-11-10T10:00:00Z', 90.12],
      ['2026-11-20T10:00:00Z', 95],
    ])
    expect((option.yAxis as { max: number; min: number }).max).toBe(100)
    expect((option.yAxis as { min: number }).min).toBe(85)
    expect((option.xAxis as { type: string }).type).toBe('time')
  })
})
