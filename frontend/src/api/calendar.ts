// The chain's calendar of holidays and events (GET/POST /calendar-events …).
import { api, call } from './http'
import { compactQuery, type FilterQuery, type QueryOf, type Schema } from './types'

export type CalendarEvent = Schema<'CalendarEvent'>
export type CalendarEventKind = CalendarEvent['kind']
export type CalendarEventCreate = Schema<'CreateCalendarEventRequest'>
export type CalendarEventUpdate = Schema<'UpdateCalendarEventRequest'>
export type CalendarQuery = FilterQuery<QueryOf<'/api/v1/calendar-events'>>

export const CALENDAR_KINDS: readonly CalendarEventKind[] = ['holiday', 'event']

const event = (id: number) => ({ params: { path: { event_id: id } } })

export const calendarApi = {
  list: (query: CalendarQuery = {}) =>
    call(api.GET('/api/v1/calendar-events', { params: { query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/calendar-events/{event_id}', event(id))),
  create: (body: CalendarEventCreate) => call(api.POST('/api/v1/calendar-events', { body })),
  update: (id: number, body: CalendarEventUpdate) =>
    call(api.PATCH('/api/v1/calendar-events/{event_id}', { ...event(id), body })),
  remove: (id: number, version: number) =>
    call(api.DELETE('/api/v1/calendar-events/{event_id}', { params: { path: { event_id: id }, query: { version } } })),
}
