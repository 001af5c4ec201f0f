// Colours and order of the states a campaign and its task runs show, one table for the list,
// the matrix, the chart and the task cards, so "overdue" is the same red everywhere.
import type { CampaignStatus, TaskState } from '@/api/campaigns'

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary'

export const STATUS_TAG: Record<CampaignStatus, TagType> = { draft: 'info', published: 'success', ended: 'primary' }

/** Element Plus tag type of a task state. */
export const STATE_TAG: Record<TaskState, TagType> = { done: 'success', late: 'warning', overdue: 'danger', problem: 'danger', pending: 'info' }

/**
 * Cell and bar colours of a task state (text on them reads at 4.5:1 or better: white on the
 * dark ones, dark text on the pale ones). '' is a store without a run of the task.
 */
export const STATE_COLOUR: Record<TaskState | '', { bg: string; fg: string }> = {
  done: { bg: '#1e7e34', fg: '#ffffff' },
  late: { bg: '#f5c46b', fg: '#3d2b00' },
  overdue: { bg: '#b3261e', fg: '#ffffff' },
  problem: { bg: '#7b1fa2', fg: '#ffffff' },
  pending: { bg: '#e4e9e6', fg: '#1f2d24' },
  '': { bg: '#ffffff', fg: '#5b6a61' },
}

/** Order of the task cards: what needs doing first (overdue, problem, pending) before what is done. */
const URGENCY: Record<TaskState, number> = { overdue: 0, problem: 1, pending: 2, late: 3, done: 4 }

export function byUrgency<T extends { state: TaskState; due_at: string }>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || a.due_at.localeCompare(b.due_at))
}

/** "in 3 h", "2 d ago" in the reader's language, for a due time; `now` in ms. */
export function relativeDue(dueAt: string, now: number, locale: string): string {
  const minutes = Math.round((Date.parse(dueAt) - now) / 60000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const abs = Math.abs(minutes)
  if (abs < 60) return format.format(minutes, 'minute')
  if (abs < 48 * 60) return format.format(Math.round(minutes / 60), 'hour')
  return format.format(Math.round(minutes / 1440), 'day')
}
