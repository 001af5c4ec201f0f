// The compliance dashboard's data: the store × task matrix as rows of cells (each with the task
// it belongs to), the totals per state, and the chart options (bars of each state per store,
// and compliance % per store). Plain functions of the server's answer, tested without a browser.
import type { CampaignCompliance, CampaignTaskDef, TaskState } from '@/api/campaigns'
import { STATE_COLOUR } from './campaignState'

export type ChartOption = Record<string, unknown>

/** The states counted per store, in the chart's stacking order. */
export const COUNTED_STATES = ['done', 'late', 'overdue', 'problem', 'pending'] as const satisfies readonly TaskState[]

export interface MatrixCell {
  task: CampaignTaskDef
  taskRunId: number
  state: TaskState | ''
}

export interface MatrixRow {
  storeId: number
  store: string
  pct: number | null
  counts: Record<(typeof COUNTED_STATES)[number], number>
  cells: MatrixCell[]
}

/** The store's label: "code name", or the code alone when the name is empty. */
function storeLabel(code: string, name: string): string {
  return name ? `${code} ${name}` : code
}

/** One row per store, its cells in the order of the tasks (a missing cell is a store without the run). */
export function complianceMatrix(data: CampaignCompliance): MatrixRow[] {
  return data.stores.map((s) => ({
    storeId: s.store_id,
    store: storeLabel(s.store_code, s.store_name),
    pct: s.compliance_pct === null ? null : Number(s.compliance_pct),
    counts: { done: s.done, late: s.late, overdue: s.overdue, problem: s.problem, pending: s.pending },
    cells: data.tasks.map((task, i) => ({ task, taskRunId: s.cells[i]?.task_run_id ?? 0, state: s.cells[i]?.state ?? '' })),
  }))
}

/** "50 %" or "—" while nothing is due. */
export function formatPct(pct: string | number | null): string {
  if (pct === null) return '—'
  const n = Number(pct)
  return `${Number.isInteger(n) ? n : n.toFixed(1)} %`
}

/** Stacked bars: per store, how many tasks are in each state. */
export function stateChartOption(rows: readonly MatrixRow[], label: (state: string) => string): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.store), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: COUNTED_STATES.map((state) => ({
      name: label(state),
      type: 'bar',
      stack: 'tasks',
      color: STATE_COLOUR[state].bg,
      barMaxWidth: 48,
      data: rows.map((r) => r.counts[state]),
    })),
  }
}

/** A bar per store of its compliance %, 0–100 (a store with nothing due yet shows no bar). */
export function pctChartOption(rows: readonly MatrixRow[], label: string): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.store), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    series: [{ name: label, type: 'bar', color: '#2f6f4f', barMaxWidth: 48, data: rows.map((r) => r.pct) }],
  }
}
