// Competitor price surveys (市调): a store's surveys with their lines, recording one, the price
// gaps (largest first), turning a gap into a draft in-store promotion or a price-change request,
// and the store manager's queue of those requests; HQ's gaps across the chain. Prices are exact
// decimal strings.
import { api, call } from './http'
import { enumValues, type Schema } from './types'

export type PriceSurvey = Schema<'PriceSurvey'>
export type PriceSurveyLine = Schema<'PriceSurveyLine'>
export type PriceSurveyCreate = Schema<'PriceSurveyCreateRequest'>
export type PriceSurveyLineCreate = Schema<'PriceSurveyLineRequest'>
export type PriceGap = Schema<'PriceGap'>
export type PriceGapPromoted = Schema<'PriceGapPromoted'>
export type PriceChangeRequest = Schema<'PriceChangeRequest'>
export type PriceChangeStatus = Schema<'PriceChangeStatus'>
export const PRICE_CHANGE_STATUSES = enumValues<PriceChangeStatus>()('open', 'accepted', 'rejected')

const ofStore = (storeId: number) => ({ store_id: storeId })
const line = (storeId: number, surveyId: number, lineNo: number) => ({ params: { path: { store_id: storeId, survey_id: surveyId, line_no: lineNo } } })
const request = (storeId: number, id: number) => ({ params: { path: { store_id: storeId, change_request_id: id } } })

export const priceSurveysApi = {
  list: (storeId: number, page = 1, pageSize = 20) =>
    call(api.GET('/api/v1/stores/{store_id}/price-surveys', { params: { path: ofStore(storeId), query: { page, page_size: pageSize } } })),
  get: (storeId: number, id: number) =>
    call(api.GET('/api/v1/stores/{store_id}/price-surveys/{survey_id}', { params: { path: { store_id: storeId, survey_id: id } } })),
  create: (storeId: number, body: PriceSurveyCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/price-surveys', { params: { path: ofStore(storeId) }, body })),
  /** A store's gaps, or every store's (`storeId` null: HQ promotions and admins only). */
  gaps: (storeId: number | null, from: string, to: string) =>
    storeId === null
      ? call(api.GET('/api/v1/price-gaps', { params: { query: { from, to } } }))
      : call(api.GET('/api/v1/stores/{store_id}/price-gaps', { params: { path: ofStore(storeId), query: { from, to } } })),
  promote: (storeId: number, surveyId: number, lineNo: number, belowCost = false) =>
    call(api.POST('/api/v1/stores/{store_id}/price-surveys/{survey_id}/lines/{line_no}/promote', { ...line(storeId, surveyId, lineNo), body: belowCost ? { below_cost: true } : {} })),
  requestChange: (storeId: number, surveyId: number, lineNo: number, note = '') =>
    call(api.POST('/api/v1/stores/{store_id}/price-surveys/{survey_id}/lines/{line_no}/price-change-request', { ...line(storeId, surveyId, lineNo), body: note ? { note } : {} })),
  requests: (storeId: number, status: PriceChangeStatus | '' = '') =>
    call(api.GET('/api/v1/stores/{store_id}/price-change-requests', { params: { path: ofStore(storeId), query: status ? { status } : {} } })),
  accept: (storeId: number, id: number) =>
    call(api.POST('/api/v1/stores/{store_id}/price-change-requests/{change_request_id}/accept', { ...request(storeId, id), body: {} })),
  reject: (storeId: number, id: number, reason: string) =>
    call(api.POST('/api/v1/stores/{store_id}/price-change-requests/{change_request_id}/reject', { ...request(storeId, id), body: { reason } })),
}
