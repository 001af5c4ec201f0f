// Stocktakes (盘点): planning, counting per zone, variance, recounts and approval
// (/stores/{id}/stocktakes, /stocktakes/{id}/…). Quantities and money are exact decimal
// strings as everywhere in the API; accuracy is a ratio string such as "0.9876". Every
// stocktake carries `allowed_actions`: what the signed-in user may do to it now, which is
// all the screens use to decide on their buttons.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Stocktake = Schema<'Stocktake'>
export type StocktakeDetail = Schema<'StocktakeDetail'>
export type StocktakeStatus = Stocktake['status']
export const STOCKTAKE_STATUSES = enumValues<StocktakeStatus>()('planned', 'counting', 'submitted', 'approved')
export type StocktakeScope = Stocktake['scope']
/** An action of `allowed_actions`, e.g. `view_variance` or `assign_recounts`. */
export type StocktakeAction = Schema<'StocktakeAction'>

export type StocktakeSummary = StocktakeDetail['summary']
export type SheetInfo = StocktakeSummary['sheets'][number]
export type StocktakeCreate = Schema<'StocktakeCreateRequest'>
export type StocktakeQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/stocktakes'>>

export type CountSheet = Schema<'StocktakeCountsRequest'>
export type CountLine = CountSheet['lines'][number]
/** The answer to a count sheet: `replaced` an earlier one, or `replayed` the first answer. */
export type SheetResult = Schema<'StocktakeSheetResult'>

export type VariancePage = Schema<'StocktakeVariance'>
export type VarianceLine = VariancePage['items'][number]
export type VarianceTotals = VariancePage['totals']
export type VarianceQuery = QueryOf<'/api/v1/stocktakes/{stocktake_id}/variance'>
export type AccuracyPoint = Schema<'StocktakeAccuracy'>['items'][number]

/** Whether the stocktake's `allowed_actions` holds `action`. */
export function allows(st: Pick<Stocktake, 'allowed_actions'> | null | undefined, action: StocktakeAction): boolean {
  return !!st && st.allowed_actions.includes(action)
}

const ofStore = (storeId: number) => ({ store_id: storeId })
const one = (id: number) => ({ params: { path: { stocktake_id: id } } })

export const stocktakesApi = {
  list: (storeId: number, query: StocktakeQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/stocktakes', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  create: (storeId: number, body: StocktakeCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/stocktakes', { params: { path: ofStore(storeId) }, body })),
  accuracy: (storeId: number, departmentCode = '') =>
    call(
      api.GET('/api/v1/stores/{store_id}/stocktakes/accuracy', {
        params: { path: ofStore(storeId), query: { department_code: departmentCode } },
      }),
    ),
  get: (id: number) => call(api.GET('/api/v1/stocktakes/{stocktake_id}', one(id))),
  // The workflow steps answer the stocktake as it is now, with its new allowed_actions.
  start: (id: number) => call(api.POST('/api/v1/stocktakes/{stocktake_id}/start', { ...one(id), body: {} })),
  submit: (id: number) => call(api.POST('/api/v1/stocktakes/{stocktake_id}/submit', { ...one(id), body: {} })),
  approve: (id: number) => call(api.POST('/api/v1/stocktakes/{stocktake_id}/approve', { ...one(id), body: {} })),
  reject: (id: number, reason: string) =>
    call(api.POST('/api/v1/stocktakes/{stocktake_id}/reject', { ...one(id), body: { reason } })),
  /** One counter's sheet of one zone; resending with the same key replays, never doubles. */
  counts: (id: number, sheet: CountSheet, idempotencyKey: string) =>
    call(
      api.POST('/api/v1/stocktakes/{stocktake_id}/counts', {
        params: { path: { stocktake_id: id }, header: { 'Idempotency-Key': idempotencyKey } },
        body: sheet,
      }),
    ),
  variance: (id: number, query: VarianceQuery = {}) =>
    call(api.GET('/api/v1/stocktakes/{stocktake_id}/variance', { params: { path: { stocktake_id: id }, query } })),
  recounts: (id: number, skus: string[], counterUserId?: number | null) =>
    call(
      api.POST('/api/v1/stocktakes/{stocktake_id}/recounts', {
        ...one(id),
        body: counterUserId ? { skus, counter_user_id: counterUserId } : { skus },
      }),
    ),
  confirmZero: (id: number, skus: string[] | 'all') =>
    call(api.POST('/api/v1/stocktakes/{stocktake_id}/confirm-zero', { ...one(id), body: skus === 'all' ? { all: true } : { skus } })),
}

/** The printable count sheet of one zone (HTML, opened in a new tab). */
export function stocktakeSheetUrl(id: number, zone: string): string {
  return downloadUrl('/api/v1/stocktakes/{stocktake_id}/sheet', { path: { stocktake_id: id }, query: { zone } })
}
