// Risk register (风险登记), incidents (突发事件) with their response timeline, and pre-event
// readiness (活动前准备): the register, the incident board and one incident's steps, HQ's
// readiness events with completion per store, a store's checklist and ticking its items.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Risk = Schema<'Risk'>
export type RiskLevel = Schema<'RiskLevel'>
export type RiskOwnerDepartment = Schema<'RiskOwnerDepartment'>
export type RiskCreate = Schema<'RiskCreateRequest'>
export type RiskPatch = Schema<'RiskPatchRequest'>
export type Incident = Schema<'Incident'>
export type IncidentStatus = Schema<'IncidentStatus'>
export type IncidentCreate = Schema<'IncidentCreateRequest'>
export type IncidentPatch = Schema<'IncidentPatchRequest'>
export type ReadinessEvent = Schema<'ReadinessEvent'>
export type ReadinessItem = Schema<'ReadinessItem'>
export type StoreReadiness = Schema<'StoreReadiness'>['items'][number]
export const RISK_LEVELS = enumValues<RiskLevel>()('low', 'medium', 'high')
export const RISK_DEPARTMENTS = enumValues<RiskOwnerDepartment>()('it', 'logistics', 'store_ops', 'quality', 'security')
export const INCIDENT_STATUSES = enumValues<IncidentStatus>()('open', 'responding', 'resolved', 'closed')

export type IncidentQuery = FilterQuery<QueryOf<'/api/v1/incidents'>>

const incident = (id: number) => ({ params: { path: { incident_id: id } } })

export const riskApi = {
  risks: (all = false) => call(api.GET('/api/v1/risks', { params: { query: all ? { all } : {} } })),
  createRisk: (body: RiskCreate) => call(api.POST('/api/v1/risks', { body })),
  updateRisk: (id: number, body: RiskPatch) => call(api.PATCH('/api/v1/risks/{risk_id}', { params: { path: { risk_id: id } }, body })),
  board: (query: IncidentQuery = {}) => call(api.GET('/api/v1/incidents', { params: { query: compactQuery(query) } })),
  storeIncidents: (storeId: number, query: IncidentQuery = {}) => {
    const { store_id: _s, ...rest } = query
    return call(api.GET('/api/v1/stores/{store_id}/incidents', { params: { path: { store_id: storeId }, query: compactQuery(rest) } }))
  },
  incident: (id: number) => call(api.GET('/api/v1/incidents/{incident_id}', incident(id))),
  updateIncident: (id: number, body: IncidentPatch) => call(api.PATCH('/api/v1/incidents/{incident_id}', { ...incident(id), body })),
  createIncident: (storeId: number, body: IncidentCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/incidents', { params: { path: { store_id: storeId } }, body })),
  addAction: (id: number, note: string, photos: number[]) =>
    call(api.POST('/api/v1/incidents/{incident_id}/actions', { ...incident(id), body: photos.length ? { note, photos } : { note } })),
  resolve: (id: number, resolution: string, version: number) =>
    call(api.POST('/api/v1/incidents/{incident_id}/resolve', { ...incident(id), body: { resolution, version } })),
  close: (id: number, version: number) => call(api.POST('/api/v1/incidents/{incident_id}/close', { ...incident(id), body: { version } })),
  events: () => call(api.GET('/api/v1/readiness-events')),
  event: (id: number) => call(api.GET('/api/v1/readiness-events/{readiness_event_id}', { params: { path: { readiness_event_id: id } } })),
  createEvent: (name: string, eventDate: string, riskIds: number[]) =>
    call(api.POST('/api/v1/readiness-events', { body: { name, event_date: eventDate, risk_ids: riskIds } })),
  storeReadiness: (storeId: number) => call(api.GET('/api/v1/stores/{store_id}/readiness', { params: { path: { store_id: storeId } } })),
  complete: (id: number, note: string) =>
    call(api.POST('/api/v1/readiness-items/{readiness_item_id}/complete', { params: { path: { readiness_item_id: id } }, body: note ? { note } : {} })),
}
