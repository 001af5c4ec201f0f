// Safety and hygiene (安全卫生): checklist templates (the chain's and a store's, versioned),
// inspections filled from them, the schedules that make them due, and the corrective actions
// a failed item opens (open → done → verified). Corrective actions carry `allowed_actions`,
// which is all the screens use for their buttons.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Checklist = Schema<'Checklist'>
export type ChecklistItem = Schema<'ChecklistItem'>
export type ChecklistItemKind = Schema<'ChecklistItemKind'>
export type InspectionArea = Schema<'InspectionArea'>
export const INSPECTION_AREAS = enumValues<InspectionArea>()('cold_room', 'prep_room', 'sales_floor', 'staff', 'display', 'fire_safety')
export type Inspection = Schema<'Inspection'>
export type InspectionResult = Schema<'InspectionResult'>
export type InspectionRequest = Schema<'InspectionRequest'>
export type InspectionAnswerRequest = Schema<'InspectionAnswerRequest'>
export type InspectionSchedule = Schema<'InspectionSchedule'>
export type ScheduleState = Schema<'ScheduleState'>
export const SCHEDULE_STATES = enumValues<ScheduleState>()('done', 'due', 'overdue', 'not_due', 'off')
export type CorrectiveAction = Schema<'CorrectiveAction'>
export type CorrectiveActionStatus = Schema<'CorrectiveActionStatus'>
export const ACTION_STATUSES = enumValues<CorrectiveActionStatus>()('open', 'done', 'verified')
export type CorrectiveActionStep = Schema<'CorrectiveActionStep'>

export type InspectionQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/inspections'>>
export type ActionQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/corrective-actions'>>

const ofStore = (storeId: number) => ({ store_id: storeId })
const action = (id: number) => ({ params: { path: { action_id: id } } })

export const safetyApi = {
  checklists: (query: FilterQuery<QueryOf<'/api/v1/checklists'>> = {}) =>
    call(api.GET('/api/v1/checklists', { params: { query: compactQuery(query) } })),
  createChecklist: (body: Schema<'ChecklistRequest'>) => call(api.POST('/api/v1/checklists', { body })),
  reviseChecklist: (id: number, body: Schema<'ChecklistRequest'>) =>
    call(api.PUT('/api/v1/checklists/{checklist_id}', { params: { path: { checklist_id: id } }, body })),
  /** Sets (or switches off) a checklist's schedule for one department of the store. */
  setSchedule: (storeId: number, body: Schema<'InspectionScheduleRequest'>) =>
    call(api.POST('/api/v1/stores/{store_id}/inspection-schedules', { params: { path: ofStore(storeId) }, body })),
  checklist: (id: number) => call(api.GET('/api/v1/checklists/{checklist_id}', { params: { path: { checklist_id: id } } })),

  inspections: (storeId: number, query: InspectionQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/inspections', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  inspection: (id: number) => call(api.GET('/api/v1/inspections/{inspection_id}', { params: { path: { inspection_id: id } } })),
  submitInspection: (storeId: number, body: InspectionRequest) =>
    call(api.POST('/api/v1/stores/{store_id}/inspections', { params: { path: ofStore(storeId) }, body })),

  schedules: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/inspection-schedules'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/inspection-schedules', { params: { path: ofStore(storeId), query: compactQuery(query) } })),

  actions: (storeId: number, query: ActionQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/corrective-actions', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  action: (id: number) => call(api.GET('/api/v1/corrective-actions/{action_id}', action(id))),
  // The steps answer the action as it is now, with its new allowed_actions.
  complete: (id: number, version: number, note: string, photos: number[]) =>
    call(api.POST('/api/v1/corrective-actions/{action_id}/complete', { ...action(id), body: { note, photos, version } })),
  verify: (id: number, version: number) => call(api.POST('/api/v1/corrective-actions/{action_id}/verify', { ...action(id), body: { version } })),
  reject: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/corrective-actions/{action_id}/reject', { ...action(id), body: { reason, version } })),
  /** Reassigns an open action and/or moves its due date (store manager). */
  edit: (id: number, body: Schema<'CorrectiveActionPatch'>) => call(api.PATCH('/api/v1/corrective-actions/{action_id}', { ...action(id), body })),
}
