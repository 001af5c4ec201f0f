// Corrective actions on screen: which board column an action sits in, its tag colour, the
// one main step in reach of a thumb (from the server's allowed_actions, never from the role),
// the board's filters as the address holds them (`?mine=true&overdue=true&status=done`, which
// the Today inbox links to), and the schedules' state tags.
import type { ActionQuery, CorrectiveAction, CorrectiveActionStatus, CorrectiveActionStep, ScheduleState } from '@/api/safety'

type TagType = 'success' | 'warning' | 'info' | 'danger' | 'primary'

export const ACTION_STATUS_TAG: Record<CorrectiveActionStatus, TagType> = { open: 'danger', done: 'warning', verified: 'success' }
export const SCHEDULE_STATE_TAG: Record<ScheduleState, TagType> = { overdue: 'danger', due: 'warning', done: 'success', not_due: 'info', off: 'info' }

export const allows = (record: Pick<CorrectiveAction, 'allowed_actions'> | null | undefined, step: CorrectiveActionStep): boolean =>
  record?.allowed_actions.includes(step) ?? false

/** The step the card's big button does: completing an open one, verifying a done one. */
export function mainStep(record: Pick<CorrectiveAction, 'allowed_actions' | 'status'>): 'complete' | 'verify' | null {
  if (record.status === 'open' && allows(record, 'complete')) return 'complete'
  if (record.status === 'done' && allows(record, 'verify')) return 'verify'
  return null
}

/** The actions by board column, each in the order the server gave (due date first). */
export function byStatus(actions: readonly CorrectiveAction[]): Record<CorrectiveActionStatus, CorrectiveAction[]> {
  const columns: Record<CorrectiveActionStatus, CorrectiveAction[]> = { open: [], done: [], verified: [] }
  for (const record of actions) columns[record.status].push(record)
  return columns
}

/** The board's filters as the address names them. */
export interface ActionFilters {
  mine: boolean
  overdue: boolean
  status: CorrectiveActionStatus | ''
  department_code: string
}

const STATUSES: readonly string[] = ['open', 'done', 'verified']
const first = (value: unknown): string => String(Array.isArray(value) ? value[0] : (value ?? ''))

export function filtersFromQuery(query: Record<string, unknown>): ActionFilters {
  const status = first(query.status)
  return {
    mine: first(query.mine) === 'true',
    overdue: first(query.overdue) === 'true',
    status: STATUSES.includes(status) ? (status as CorrectiveActionStatus) : '',
    department_code: first(query.department_code),
  }
}

/** The filters back as address parameters: only those set. */
export function filtersToQuery(filters: ActionFilters): Record<string, string> {
  const query: Record<string, string> = {}
  if (filters.mine) query.mine = 'true'
  if (filters.overdue) query.overdue = 'true'
  if (filters.status) query.status = filters.status
  if (filters.department_code) query.department_code = filters.department_code
  return query
}

/** The API query of the board's filters (unset ones left out). */
export function actionQuery(filters: ActionFilters): ActionQuery {
  return {
    mine: filters.mine || null,
    overdue: filters.overdue || null,
    status: filters.status,
    department_code: filters.department_code,
  }
}

const STATE_ORDER: Record<ScheduleState, number> = { overdue: 0, due: 1, not_due: 2, done: 3, off: 4 }

/** Schedules with what needs doing first: overdue, due, then the rest (stable otherwise). */
export function sortSchedules<T extends { state: ScheduleState }>(rows: readonly T[]): T[] {
  return rows.map((row, index) => ({ row, index })).sort((a, b) => STATE_ORDER[a.row.state] - STATE_ORDER[b.row.state] || a.index - b.index).map(({ row }) => row)
}

/** What a reassignment changes: the owner and the due date, each only when it differs; null when nothing does. */
export function actionEdit(
  record: Pick<CorrectiveAction, 'owner_id' | 'due_date'>,
  form: { owner_id: number | null; due_date: string },
): { owner_id?: number; due_date?: string } | null {
  const change: { owner_id?: number; due_date?: string } = {}
  if (form.owner_id != null && form.owner_id !== record.owner_id) change.owner_id = form.owner_id
  if (form.due_date && form.due_date !== record.due_date) change.due_date = form.due_date
  return Object.keys(change).length ? change : null
}

/** The name of ISO weekday day (1 Monday … 7 Sunday) in locale, e.g. "Monday", "星期一". */
export function weekdayName(day: number, locale: string): string {
  // 2024-01-01 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)))
}
