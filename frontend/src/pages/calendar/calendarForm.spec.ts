import { describe, expect, it } from 'vitest'
import type { CalendarEvent } from '@/api/calendar'
import { calendarFormFrom, calendarFormRules, spanDays, toCalendarCreate, toCalendarUpdate } from './calendarForm'

const event: CalendarEvent = {
  id: 7,
  name: '国庆节',
  kind: 'holiday',
  starts_on: '2026-10-01',
  ends_on: '2026-10-07',
  days: 7,
  note: '',
  version: 3,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

/** Runs the `dates` rule and answers its message, or '' when it passes. */
function datesError(value: [string, string] | null): string {
  const rule = (calendarFormRules((key) => key).dates as { validator: (...a: unknown[]) => void }[])[0]!
  let message = ''
  rule.validator({}, value, (err?: Error) => (message = err?.message ?? ''))
  return message
}

describe('calendar form', () => {
  it('counts days with both ends included, across months and a leap day', () => {
    expect(spanDays(['2026-10-01', '2026-10-07'])).toBe(7)
    expect(spanDays(['2028-02-28', '2028-03-01'])).toBe(3)
    expect(spanDays(['2026-11-11', '2026-11-11'])).toBe(1)
  })

  it('refuses missing dates and spans over 31 days, as the server does', () => {
    expect(datesError(null)).toBe('profile.required')
    expect(datesError(['2027-01-01', '2027-01-31'])).toBe('')
    expect(datesError(['2027-01-01', '2027-02-01'])).toBe('calendar.tooLong')
  })

  it('creates with trimmed texts and sends only what changed on an edit', () => {
    const form = calendarFormFrom(null)
    expect(form).toEqual({ name: '', kind: 'holiday', dates: null, note: '' })
    expect(toCalendarCreate({ name: ' 店庆 ', kind: 'event', dates: ['2027-05-18', '2027-05-20'], note: ' 十周年 ' })).toEqual({
      name: '店庆',
      kind: 'event',
      starts_on: '2027-05-18',
      ends_on: '2027-05-20',
      note: '十周年',
    })
    expect(toCalendarUpdate(calendarFormFrom(event), event)).toEqual({ version: 3 })
    const edited = { ...calendarFormFrom(event), dates: ['2026-10-01', '2026-10-08'] as [string, string] }
    expect(toCalendarUpdate(edited, event)).toEqual({ version: 3, ends_on: '2026-10-08' })
  })
})
