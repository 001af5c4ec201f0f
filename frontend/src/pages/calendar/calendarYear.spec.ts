import { describe, expect, it } from 'vitest'
import type { CalendarEvent } from '@/api/calendar'
import { dateSpan, monthsOf } from './calendarYear'

const entry = (id: number, name: string, starts_on: string, ends_on: string): CalendarEvent => ({
  id,
  name,
  kind: 'holiday',
  starts_on,
  ends_on,
  days: 1,
  note: '',
  version: 1,
  created_at: '',
  updated_at: '',
})

describe('calendar year view', () => {
  it('puts each entry under the month it starts in, in date order, twelve months always', () => {
    const months = monthsOf(2027, [
      entry(3, '国庆节', '2027-10-01', '2027-10-07'),
      entry(1, '元旦', '2027-01-01', '2027-01-01'),
      entry(2, '春节备货期', '2027-01-27', '2027-02-04'),
      entry(4, '跨年', '2026-12-30', '2027-01-02'),
    ])
    expect(months).toHaveLength(12)
    expect(months[0]!.events.map((e) => e.id)).toEqual([4, 1, 2])
    expect(months[9]!.events.map((e) => e.name)).toEqual(['国庆节'])
    expect(months[1]!.events).toEqual([])
  })

  it('writes a span short, keeping the year only where it changes', () => {
    expect(dateSpan({ starts_on: '2027-10-01', ends_on: '2027-10-07' })).toBe('2027-10-01 – 10-07')
    expect(dateSpan({ starts_on: '2026-12-30', ends_on: '2027-01-02' })).toBe('2026-12-30 – 2027-01-02')
    expect(dateSpan({ starts_on: '2027-11-11', ends_on: '2027-11-11' })).toBe('2027-11-11')
  })
})
