import { describe, expect, it } from 'vitest'
import { lastYear, scoreSeries, topGroups } from './scores'

const row = (group: string, period: string, mean: string, n = 1) => ({ group, label: group.toUpperCase(), period, inspections: n, failed: 0, mean_score: mean })

describe('score report chart', () => {
  it('makes one line per group with gaps for missing periods', () => {
    const s = scoreSeries([row('a', '2026-02-01', '90.00'), row('b', '2026-01-01', '80.50'), row('a', '2026-01-01', '85.00')])
    expect(s.periods).toEqual(['2026-01-01', '2026-02-01'])
    expect(s.series).toEqual([
      { key: 'a', name: 'A', data: [85, 90] },
      { key: 'b', name: 'B', data: [80.5, null] },
    ])
  })

  it('keeps the groups with most inspections', () => {
    expect(topGroups([row('a', 'p', '1', 1), row('b', 'p', '1', 5), row('c', 'p', '1', 3)], 2).map((r) => r.group)).toEqual(['b', 'c'])
  })

  it('spans the last twelve months', () => {
    expect(lastYear('2026-12-01')).toEqual(['2025-12-02', '2026-12-01'])
  })
})
