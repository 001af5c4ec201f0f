// The year view's months: each entry under the month it starts in, in date order.
import type { CalendarEvent } from '@/api/calendar'

export interface CalendarMonth {
  /** 1–12. */
  month: number
  events: CalendarEvent[]
}

/** Twelve months of `year`, each with the entries starting in it (an entry of the year before
 * that runs into January is listed under January). */
export function monthsOf(year: number, events: readonly CalendarEvent[]): CalendarMonth[] {
  const months: CalendarMonth[] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, events: [] }))
  const sorted = [...events].sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.name.localeCompare(b.name))
  for (const event of sorted) {
    const [y, m] = event.starts_on.split('-').map(Number) as [number, number]
    months[y < year ? 0 : m - 1]!.events.push(event)
  }
  return months
}

/** "2026-10-01 – 10-07", or the one day: the year is the page's, the end's month kept. */
export function dateSpan(event: Pick<CalendarEvent, 'starts_on' | 'ends_on'>): string {
  if (event.starts_on === event.ends_on) return event.starts_on
  const sameYear = event.starts_on.slice(0, 4) === event.ends_on.slice(0, 4)
  return `${event.starts_on} – ${sameYear ? event.ends_on.slice(5) : event.ends_on}`
}
