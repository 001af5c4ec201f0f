// The colour of an order plan's status tag and of its lines' exception flags. What may be
// done in each status is not decided here: buttons come from the plan's `allowed_actions`.
import type { OrderLineFlag, OrderPlanStatus } from '@/api/ordering'
import { ApiError } from '@/api/http'

export const PLAN_STATUS_TAG: Record<OrderPlanStatus, 'info' | 'warning' | 'primary' | 'success'> = {
  draft: 'info',
  submitted: 'warning',
  approved: 'primary',
  received: 'success',
}

export const FLAG_TAG: Record<OrderLineFlag, 'danger' | 'warning' | 'info'> = {
  stockout_risk: 'danger',
  overstock_risk: 'warning',
  big_change: 'warning',
  no_recent_sales: 'info',
}

/** The refusals of the order plan API the screens answer in their own words. */
export const ORDERING_ERROR_CODES = [
  'plan_exists',
  'deviation_reason_required',
  'over_receipt',
  'empty_plan',
  'own_plan',
  'wrong_status',
  'no_orderable_products',
  'temperature_out_of_range',
] as const

/** The message key `ordering.errors.<code>` of a known refusal, else null. */
export function orderingErrorKey(err: unknown): string | null {
  return err instanceof ApiError && (ORDERING_ERROR_CODES as readonly string[]).includes(err.code) ? `ordering.errors.${err.code}` : null
}

/** Whether `err` is the API's refusal `code` (e.g. `deviation_reason_required`). */
export function isRefusal(err: unknown, code: (typeof ORDERING_ERROR_CODES)[number]): err is ApiError {
  return err instanceof ApiError && err.code === code
}
