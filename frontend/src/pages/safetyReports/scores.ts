// The inspection score report's chart: one line of mean scores per group over the periods.
import type { ScoreRow } from '@/api/training'

export interface ScoreSeries {
  periods: string[]
  series: { key: string; name: string; data: (number | null)[] }[]
}

/** Lines per group over every period any group has; a period a group lacks is a gap. */
export function scoreSeries(rows: readonly ScoreRow[], name: (row: ScoreRow) => string = (r) => r.label || r.group): ScoreSeries {
  const periods = [...new Set(rows.map((r) => r.period))].sort()
  const index = new Map(periods.map((p, i) => [p, i]))
  const groups = new Map<string, ScoreSeries['series'][number]>()
  for (const r of rows) {
    let s = groups.get(r.group)
    if (!s) {
      s = { key: r.group, name: name(r), data: periods.map(() => null) }
      groups.set(r.group, s)
    }
    s.data[index.get(r.period)!] = Number(r.mean_score)
  }
  return { periods, series: [...groups.values()] }
}

/** The chart keeps the ten groups with the most inspections, so 500 stores stay readable. */
export function topGroups(rows: readonly ScoreRow[], limit = 10): ScoreRow[] {
  const counts = new Map<string, number>()
  for (const r of rows) counts.set(r.group, (counts.get(r.group) ?? 0) + r.inspections)
  const keep = new Set([...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([g]) => g))
  return rows.filter((r) => keep.has(r.group))
}

/** The last twelve months up to today (YYYY-MM-DD). */
export function lastYear(today: string): [string, string] {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number]
  const from = new Date(Date.UTC(y - 1, m - 1, d + 1))
  return [from.toISOString().slice(0, 10), today]
}
