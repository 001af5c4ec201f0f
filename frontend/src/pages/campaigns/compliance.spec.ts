import { describe, expect, it } from 'vitest'
import type { CampaignCompliance } from '@/api/campaigns'
import { complianceMatrix, formatPct, pctChartOption, stateChartOption } from './compliance'

const task = (id: number, title: string) => ({ id, kind: 'display' as const, title, instructions: '', due_hours: 0, photo_required: id === 1 })
const counts = { done: 0, late: 0, overdue: 0, problem: 0, pending: 0 }

const data: CampaignCompliance = {
  as_of: '2026-12-01T08:00:00Z',
  tasks: [task(1, '堆头'), task(2, '价签')],
  total: { ...counts, done: 1, overdue: 1, pending: 1, compliance_pct: '50.00' },
  stores: [
    { ...counts, done: 1, overdue: 1, compliance_pct: '50.00', store_id: 1, store_code: 'sh-pudong', store_name: '浦东店', cells: [{ task_run_id: 11, state: 'done' }, { task_run_id: 12, state: 'overdue' }] },
    { ...counts, pending: 1, compliance_pct: null, store_id: 3, store_code: 'gz-tianhe', store_name: '', cells: [{ task_run_id: 0, state: '' }] },
  ],
}

describe('complianceMatrix', () => {
  it('gives each store its label, % and one cell per task in task order', () => {
    const rows = complianceMatrix(data)
    expect(rows.map((r) => [r.store, r.pct])).toEqual([['sh-pudong 浦东店', 50], ['gz-tianhe', null]])
    expect(rows[0]!.cells.map((c) => [c.task.title, c.taskRunId, c.state])).toEqual([['堆头', 11, 'done'], ['价签', 12, 'overdue']])
    // A store without a run of the second task gets an empty cell rather than a shorter row.
    expect(rows[1]!.cells.map((c) => [c.taskRunId, c.state])).toEqual([[0, ''], [0, '']])
  })
})

describe('formatPct', () => {
  it.each([
    ['50.00', '50 %'],
    ['66.67', '66.7 %'],
    [null, '—'],
  ])('%j reads %s', (pct, text) => expect(formatPct(pct)).toBe(text))
})

describe('chart options', () => {
  it('stacks the five states per store with their counts', () => {
    const option = stateChartOption(complianceMatrix(data), (s) => s.toUpperCase()) as { series: { name: string; data: number[] }[]; xAxis: { data: string[] } }
    expect(option.xAxis.data).toEqual(['sh-pudong 浦东店', 'gz-tianhe'])
    expect(option.series.map((s) => [s.name, s.data])).toEqual([['DONE', [1, 0]], ['LATE', [0, 0]], ['OVERDUE', [1, 0]], ['PROBLEM', [0, 0]], ['PENDING', [0, 1]]])
  })

  it('draws compliance % per store, none where nothing is due', () => {
    const option = pctChartOption(complianceMatrix(data), '%') as { series: { data: (number | null)[] }[] }
    expect(option.series[0]!.data).toEqual([50, null])
  })
})
