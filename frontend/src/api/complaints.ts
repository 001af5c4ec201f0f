// Customer complaints (顾客投诉): a store's list with filters, one complaint with its handling
// timeline, recording, steps (note and photos), resolving with compensation, reopening, and the
// report by category and by department with its export, and HQ's chain-wide report (also by store). `allowed_actions` decides the buttons.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Complaint = Schema<'Complaint'>
export type ComplaintStep = Schema<'ComplaintStep'>
export type ComplaintChannel = Schema<'ComplaintChannel'>
export type ComplaintCategory = Schema<'ComplaintCategory'>
export type ComplaintStatus = Schema<'ComplaintStatus'>
export type ComplaintAction = Schema<'ComplaintAction'>
export type ComplaintCreate = Schema<'ComplaintCreateRequest'>
export type ComplaintResolve = Schema<'ComplaintResolveRequest'>
export type ComplaintReport = Schema<'ComplaintReport'>
export type ComplaintGroup = Schema<'ComplaintGroup'>
export type ComplaintStoreGroup = Schema<'ComplaintStoreGroup'>
export const COMPLAINT_CHANNELS = enumValues<ComplaintChannel>()('counter', 'phone', 'hotline', 'online', 'social_media', 'other')
export const COMPLAINT_CATEGORIES = enumValues<ComplaintCategory>()('quality', 'price', 'service', 'hygiene', 'other')
export const COMPLAINT_STATUSES = enumValues<ComplaintStatus>()('open', 'resolved')

export type ComplaintQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/complaints'>>

const one = (storeId: number, id: number) => ({ params: { path: { store_id: storeId, complaint_id: id } } })

export const complaintsApi = {
  list: (storeId: number, query: ComplaintQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/complaints', { params: { path: { store_id: storeId }, query: compactQuery(query) } })),
  get: (storeId: number, id: number) => call(api.GET('/api/v1/stores/{store_id}/complaints/{complaint_id}', one(storeId, id))),
  create: (storeId: number, body: ComplaintCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/complaints', { params: { path: { store_id: storeId } }, body })),
  addStep: (storeId: number, id: number, note: string, photos: number[]) =>
    call(api.POST('/api/v1/stores/{store_id}/complaints/{complaint_id}/steps', { ...one(storeId, id), body: photos.length ? { note, photos } : { note } })),
  resolve: (storeId: number, id: number, body: ComplaintResolve) =>
    call(api.POST('/api/v1/stores/{store_id}/complaints/{complaint_id}/resolve', { ...one(storeId, id), body })),
  reopen: (storeId: number, id: number, version: number) =>
    call(api.POST('/api/v1/stores/{store_id}/complaints/{complaint_id}/reopen', { ...one(storeId, id), body: { version } })),
  /** A store's report, or the chain's (`storeId` null: HQ and admins only). */
  report: (storeId: number | null, from: string, to: string) =>
    storeId === null
      ? call(api.GET('/api/v1/complaint-report', { params: { query: { from, to } } }))
      : call(api.GET('/api/v1/stores/{store_id}/complaint-report', { params: { path: { store_id: storeId }, query: { from, to } } })),
}

/** The complaint report (a store's, or the chain's when `storeId` is null) as a file for the same days, in the reader's language. */
export function complaintExportUrl(storeId: number | null, format: 'csv' | 'xlsx', from: string, to: string, lang: string): string {
  const query = { format, from, to, lang: lang === 'en' ? 'en' : 'zh-CN' } as const
  return storeId === null
    ? downloadUrl('/api/v1/complaint-report/export', { query })
    : downloadUrl('/api/v1/stores/{store_id}/complaint-report/export', { path: { store_id: storeId }, query })
}
