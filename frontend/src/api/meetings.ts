// Team meetings (例会): a store's meetings with filters, one meeting with its attendees and
// action items (each with its task's status), recording one (its action items become tasks)
// and the store's people who may attend or own an item.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Meeting = Schema<'Meeting'>
export type MeetingDetail = Schema<'MeetingDetail'>
export type MeetingItem = Schema<'MeetingItem'>
export type MeetingKind = Schema<'MeetingKind'>
export type MeetingPerson = Schema<'MeetingPerson'>
export type MeetingCreate = Schema<'MeetingCreateRequest'>
export type MeetingItemCreate = Schema<'MeetingItemRequest'>
export const MEETING_KINDS = enumValues<MeetingKind>()('briefing', 'weekly', 'monthly', 'special')

export type MeetingQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/meetings'>>

const store = (storeId: number) => ({ params: { path: { store_id: storeId } } })

export const meetingsApi = {
  list: (storeId: number, query: MeetingQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/meetings', { params: { path: { store_id: storeId }, query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/meetings/{meeting_id}', { params: { path: { meeting_id: id } } })),
  create: (storeId: number, body: MeetingCreate) => call(api.POST('/api/v1/stores/{store_id}/meetings', { ...store(storeId), body })),
  people: (storeId: number) => call(api.GET('/api/v1/stores/{store_id}/meeting-people', store(storeId))),
}
