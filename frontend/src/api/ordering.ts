// Order plans (订货计划): a store's plans per department and delivery date, their lines with
// the suggestion and its explanation, the workflow (submit, approve, reject, receive) and the
// forecast accuracy report. Quantities and money are exact decimal strings as everywhere in
// the API. Every plan carries `allowed_actions`, which is all the screens use for buttons.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type Page } from './types'

export type OrderPlanStatus = 'draft' | 'submitted' | 'approved' | 'received'
export const ORDER_PLAN_STATUSES = enumValues<OrderPlanStatus>()('draft', 'submitted', 'approved', 'received')
export type OrderPlanAction = 'edit_lines' | 'submit' | 'approve' | 'reject' | 'receive' | 'delete' | 'export'

export interface PlanSupplier {
  supplier_id: number
  code: string
  name: string
  order_cutoff: string
  lead_time_days: number
  lines: number
  order_value: string
}

export interface PlanClaim {
  sku: string
  name: string
  supplier_code: string
  refused_qty: string
  refuse_reason: string
  value: string
  photos: number[]
}

export interface OrderPlan {
  id: number
  store_id: number
  department_code: string
  business_date: string
  delivery_date: string
  next_delivery_date: string
  status: OrderPlanStatus
  reject_reason: string
  service_level: string
  line_count: number
  ordered_lines: number
  order_value: string
  exception_count: number
  delivery_temp: string | null
  receive_note: string
  created_by: number
  submitted_at: string | null
  submitted_by: number | null
  approved_at: string | null
  approved_by: number | null
  received_at: string | null
  received_by: number | null
  version: number
  created_at: string
  updated_at: string
  suppliers: PlanSupplier[]
  claims?: PlanClaim[]
  allowed_actions: OrderPlanAction[]
}

export type OrderLineFlag = 'stockout_risk' | 'overstock_risk' | 'big_change' | 'no_recent_sales'

export interface OrderLine {
  sku: string
  name: string
  unit: string
  supplier_code: string
  supplier_name: string
  case_pack: string
  min_order_qty: string
  unit_cost: string
  forecast_qty: string
  suggested_qty: string
  ordered_qty: string
  deviation_reason: string
  flags: OrderLineFlag[]
  on_hand: string
  on_order: string
  last_week_qty: string | null
  days_of_cover: string | null
  received_qty: string | null
  refused_qty: string
  refuse_reason: string
  lot_expiry: string | null
  version: number
}

export interface ExplanationDay {
  date: string
  units: string
  level?: string
  trend?: string
  weekday?: string
  yearly?: string
  event?: string
  events?: string[]
  promo?: string
}

export interface LineExplanation {
  method: string
  until_delivery: string
  forecast: string
  cover_days: number
  lead_days: number
  safety_stock: string
  service_level: number
  on_hand: string
  on_order: string
  need: string
  shelf_life_days: number | null
  shelf_life_cap: string | null
  cap_binds: boolean
  case_pack: string
  min_order_qty: string
  min_order_raised: boolean
  reduced_service_level: boolean
  days: ExplanationDay[]
}

export interface SalesPoint {
  date: string
  qty: string
}

export interface OrderLineDetail extends OrderLine {
  explanation: LineExplanation
  history: SalesPoint[]
}

export interface OrderPlanQueryFields {
  status?: OrderPlanStatus
  department_code?: string
  from?: string
  to?: string
  page?: number
  page_size?: number
}
export type OrderPlanQuery = FilterQuery<OrderPlanQueryFields>

export interface OrderLineQuery {
  exceptions_only?: boolean
  q?: string
  supplier_code?: string
  page?: number
  page_size?: number
}

export interface OrderLineUpdate {
  ordered_qty: string
  deviation_reason?: string
  version: number
}

export interface ReceiveLine {
  sku: string
  received_qty: string
  refused_qty?: string
  refuse_reason?: string
  photos?: number[]
  expiry_date?: string
}

export interface ReceiveRequest {
  version: number
  delivery_temp?: string
  note?: string
  confirm_over_receipt?: boolean
  lines: ReceiveLine[]
}

export interface DepartmentAccuracy {
  department_code: string
  forecast: string
  actual: string
  wape: string | null
  bias: string | null
  lines: number
}

export interface WeekAccuracy {
  week_start: string
  department_code: string
  forecast: string
  actual: string
  wape: string | null
  bias: string | null
}

export interface ForecastAccuracy {
  weeks: number
  departments: DepartmentAccuracy[]
  by_week: WeekAccuracy[]
}

/** Whether the plan's `allowed_actions` holds `action`. */
export function allows(plan: Pick<OrderPlan, 'allowed_actions'> | null | undefined, action: OrderPlanAction): boolean {
  return !!plan && plan.allowed_actions.includes(action)
}

// The contract's paths are not in schema.d.ts yet: these go through the same client (CSRF,
// errors, 401s) without its path typing, until api/openapi.yaml has them.
type Loose = (path: string, init?: { params?: { path?: object; query?: object }; body?: unknown }) => Promise<{ data?: unknown; error?: unknown; response: Response }>
const loose = api as unknown as { GET: Loose; POST: Loose; PATCH: Loose; DELETE: Loose }
const send = <T>(pending: ReturnType<Loose>) => call(pending) as Promise<T>

const store = (storeId: number) => ({ store_id: storeId })
const plan = (id: number) => ({ plan_id: id })

export const orderingApi = {
  list: (storeId: number, query: OrderPlanQuery = {}) =>
    send<Page<OrderPlan>>(loose.GET('/api/v1/stores/{store_id}/order-plans', { params: { path: store(storeId), query: compactQuery(query) } })),
  create: (storeId: number, body: { department_code: string; delivery_date: string }) =>
    send<OrderPlan>(loose.POST('/api/v1/stores/{store_id}/order-plans', { params: { path: store(storeId) }, body })),
  get: (id: number) => send<OrderPlan>(loose.GET('/api/v1/order-plans/{plan_id}', { params: { path: plan(id) } })),
  remove: (id: number, version: number) =>
    send<void>(loose.DELETE('/api/v1/order-plans/{plan_id}', { params: { path: plan(id), query: { version } } })),
  // The workflow steps answer the plan as it is now, with its new allowed_actions.
  submit: (id: number, version: number) =>
    send<OrderPlan>(loose.POST('/api/v1/order-plans/{plan_id}/submit', { params: { path: plan(id) }, body: { version } })),
  approve: (id: number, version: number) =>
    send<OrderPlan>(loose.POST('/api/v1/order-plans/{plan_id}/approve', { params: { path: plan(id) }, body: { version } })),
  reject: (id: number, version: number, reason: string) =>
    send<OrderPlan>(loose.POST('/api/v1/order-plans/{plan_id}/reject', { params: { path: plan(id) }, body: { version, reason } })),
  receive: (id: number, body: ReceiveRequest) =>
    send<OrderPlan>(loose.POST('/api/v1/order-plans/{plan_id}/receive', { params: { path: plan(id) }, body })),
  lines: (id: number, query: OrderLineQuery = {}) =>
    send<Page<OrderLine>>(loose.GET('/api/v1/order-plans/{plan_id}/lines', { params: { path: plan(id), query: compactQuery(query) } })),
  line: (id: number, sku: string) =>
    send<OrderLineDetail>(loose.GET('/api/v1/order-plans/{plan_id}/lines/{sku}', { params: { path: { plan_id: id, sku } } })),
  updateLine: (id: number, sku: string, body: OrderLineUpdate) =>
    send<OrderLine>(loose.PATCH('/api/v1/order-plans/{plan_id}/lines/{sku}', { params: { path: { plan_id: id, sku } }, body })),
  accuracy: (storeId: number, weeks: number, departmentCode = '') =>
    send<ForecastAccuracy>(
      loose.GET('/api/v1/stores/{store_id}/forecast-accuracy', {
        params: { path: store(storeId), query: compactQuery({ weeks, department_code: departmentCode }) },
      }),
    ),
}

/** The plan as a file for the supplier (lines ordered, by supplier), in the reader's language. */
export function orderPlanExportUrl(id: number, format: 'csv' | 'xlsx', lang: string): string {
  const query = new URLSearchParams({ format, lang: lang === 'en' ? 'en' : 'zh-CN' })
  return `/api/v1/order-plans/${id}/export?${query.toString()}`
}
