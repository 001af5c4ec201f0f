// Order plans (订货计划): a store's plans per department and delivery date, their lines with
// the suggestion and its explanation, the workflow (submit, approve, reject, receive) and the
// forecast accuracy report. Quantities and money are exact decimal strings as everywhere in
// the API. A plan read on its own carries `allowed_actions`, which is all the screens use for
// their buttons.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

/** A plan as the list shows it. */
export type OrderPlanRow = Schema<'OrderPlan'>
/** A plan read on its own: with its actions, suppliers and claims. */
export type OrderPlan = Schema<'OrderPlanDetail'>
export type OrderPlanStatus = OrderPlanRow['status']
export const ORDER_PLAN_STATUSES = enumValues<OrderPlanStatus>()('draft', 'submitted', 'approved', 'received')
export type OrderPlanAction = OrderPlan['allowed_actions'][number]

/** A line of a plan; read on its own (`OrderLineDetail`) with its explanation and sales history. */
export type OrderLine = Schema<'OrderPlanLine'>
export type OrderLineFlag = OrderLine['flags'][number]
export type OrderLineDetail = Schema<'OrderPlanLineDetail'>
/** The suggestion's terms and the forecast's parts per day (`days`). */
export type LineExplanation = Schema<'OrderExplanation'>

export type ReceiveLine = Schema<'OrderPlanReceiveLine'>
/** A row of the accuracy report: one department, over all the weeks or in one (`week_start`). */
export type AccuracyRow = Schema<'ForecastAccuracyRow'>

/** Whether the plan's `allowed_actions` holds `action`. */
export function allows(plan: Pick<OrderPlan, 'allowed_actions'> | null | undefined, action: OrderPlanAction): boolean {
  return !!plan && plan.allowed_actions.includes(action)
}

const ofStore = (storeId: number) => ({ store_id: storeId })
const one = (id: number) => ({ params: { path: { plan_id: id } } })
const line = (id: number, sku: string) => ({ params: { path: { plan_id: id, sku } } })

export const orderingApi = {
  list: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/order-plans'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/order-plans', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  create: (storeId: number, body: Schema<'OrderPlanCreateRequest'>) =>
    call(api.POST('/api/v1/stores/{store_id}/order-plans', { params: { path: ofStore(storeId) }, body })),
  get: (id: number) => call(api.GET('/api/v1/order-plans/{plan_id}', one(id))),
  remove: (id: number, version: number) =>
    call(api.DELETE('/api/v1/order-plans/{plan_id}', { params: { path: { plan_id: id }, query: { version } } })),
  // The workflow steps answer the plan as it is now, with its new allowed_actions.
  submit: (id: number, version: number) => call(api.POST('/api/v1/order-plans/{plan_id}/submit', { ...one(id), body: { version } })),
  approve: (id: number, version: number) => call(api.POST('/api/v1/order-plans/{plan_id}/approve', { ...one(id), body: { version } })),
  reject: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/order-plans/{plan_id}/reject', { ...one(id), body: { version, reason } })),
  receive: (id: number, body: Schema<'OrderPlanReceiveRequest'>) => call(api.POST('/api/v1/order-plans/{plan_id}/receive', { ...one(id), body })),
  lines: (id: number, query: QueryOf<'/api/v1/order-plans/{plan_id}/lines'> = {}) =>
    call(api.GET('/api/v1/order-plans/{plan_id}/lines', { params: { path: { plan_id: id }, query: compactQuery(query) } })),
  line: (id: number, sku: string) => call(api.GET('/api/v1/order-plans/{plan_id}/lines/{sku}', line(id, sku))),
  updateLine: (id: number, sku: string, body: Schema<'OrderPlanLineUpdateRequest'>) =>
    call(api.PATCH('/api/v1/order-plans/{plan_id}/lines/{sku}', { ...line(id, sku), body })),
  accuracy: (storeId: number, weeks: number, departmentCode = '') =>
    call(
      api.GET('/api/v1/stores/{store_id}/forecast-accuracy', {
        params: { path: ofStore(storeId), query: compactQuery({ weeks, department_code: departmentCode }) },
      }),
    ),
}

/** The plan as a file for the supplier (lines ordered, by supplier), in the reader's language. */
export function orderPlanExportUrl(id: number, format: 'csv' | 'xlsx', lang: string): string {
  return downloadUrl('/api/v1/order-plans/{plan_id}/export', { path: { plan_id: id }, query: { format, lang: lang === 'en' ? 'en' : 'zh-CN' } })
}
