// The calendar entry form: its values, rules and the requests made from them.
import type { FormItemRule, FormRules } from 'element-plus'
import type { CalendarEvent, CalendarEventCreate, CalendarEventKind, CalendarEventUpdate } from '@/api/calendar'
import { changedFields } from '@/api/patch'

/** The longest entry the server takes, in days (both ends included). */
export const MAX_DAYS = 31

export interface CalendarForm {
  name: string
  kind: CalendarEventKind
  /** [first, last] as YYYY-MM-DD, both included. */
  dates: [string, string] | null
  note: string
}

export function calendarFormFrom(event: CalendarEvent | null): CalendarForm {
  return event
    ? { name: event.name, kind: event.kind, dates: [event.starts_on, event.ends_on], note: event.note }
    : { name: '', kind: 'holiday', dates: null, note: '' }
}

/** Days from first to last, both included (calendar days, no time zone involved). */
export function spanDays([from, to]: [string, string]): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

type Translate = (key: string, values?: Record<string, unknown>) => string

export function calendarFormRules(t: Translate): FormRules {
  const required = { required: true, message: t('profile.required'), trigger: 'blur' }
  const dates: FormItemRule = {
    trigger: 'change',
    validator: (_rule, value: [string, string] | null, callback) => {
      if (!value) callback(new Error(t('profile.required')))
      else if (spanDays(value) < 1) callback(new Error(t('calendar.endBeforeStart')))
      else if (spanDays(value) > MAX_DAYS) callback(new Error(t('calendar.tooLong')))
      else callback()
    },
  }
  return { name: [{ ...required, whitespace: true }, { max: 64, trigger: 'blur' }], kind: [required], dates: [dates] }
}

export function toCalendarCreate(form: CalendarForm): CalendarEventCreate {
  const [starts_on, ends_on] = form.dates ?? ['', '']
  return { name: form.name.trim(), kind: form.kind, starts_on, ends_on, note: form.note.trim() }
}

/** Sends only what changed, with the version read (an unchanged form sends just the version). */
export function toCalendarUpdate(form: CalendarForm, event: CalendarEvent): CalendarEventUpdate {
  return { ...changedFields(toCalendarCreate(form), toCalendarCreate(calendarFormFrom(event))), version: event.version }
}
