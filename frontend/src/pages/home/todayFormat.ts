// How a Today entry's deadline is shown: relative to the store's day ("今天 18:00 截止").
// Pure functions, unit-tested.

export type DueKey = 'today' | 'tomorrow' | 'later' | 'overdue'

export interface DueLabel {
  /** The `today.due.*` message key. */
  key: DueKey
  params: { time: string; date: string; when: string }
}

interface LocalParts {
  day: string
  time: string
}

function localParts(instant: Date, timeZone?: string): LocalParts {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  const p = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]))
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` }
}

const dayNumber = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000

function previousDay(day: string): string {
  return new Date((dayNumber(day) - 1) * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The deadline as the store's clock reads it (`timeZone`, e.g. Asia/Shanghai; the
 * browser's when unknown). A deadline at midnight is the end of the day before, so it
 * reads "today 24:00" rather than "tomorrow 00:00". Null without a deadline.
 */
export function dueLabel(dueAt: string | null, now: Date, timeZone?: string): DueLabel | null {
  if (!dueAt) return null
  const due = new Date(dueAt)
  if (Number.isNaN(due.getTime())) return null
  let { day, time } = localParts(due, timeZone)
  if (time === '00:00') {
    day = previousDay(day)
    time = '24:00'
  }
  const today = localParts(now, timeZone).day
  const diff = dayNumber(day) - dayNumber(today)
  const date = day.slice(0, 4) === today.slice(0, 4) ? day.slice(5) : day
  const when = diff === 0 ? time : `${date} ${time}`
  const params = { time, date, when }
  if (due.getTime() < now.getTime()) return { key: 'overdue', params }
  if (diff === 0) return { key: 'today', params }
  if (diff === 1) return { key: 'tomorrow', params }
  return { key: 'later', params }
}
