// Stocktake refusals the server names by code, mapped to our own words; anything else
// falls back to the shared error texts (useApiError).
import { ApiError } from '@/api/http'

export const STOCKTAKE_ERROR_CODES = [
  'wrong_state',
  'overlap',
  'idempotency_key_reused',
  'uncounted_skus',
  'recount_open',
  'same_counter',
  'not_assignee',
  'recount_not_needed',
  'already_recounted',
  'empty_scope',
  'blind_stocktake',
] as const
export type StocktakeErrorCode = (typeof STOCKTAKE_ERROR_CODES)[number]

/** The message key `stocktakes.errors.<code>` for a known refusal, else null. */
export function stocktakeErrorKey(err: unknown): string | null {
  if (!(err instanceof ApiError)) return null
  return (STOCKTAKE_ERROR_CODES as readonly string[]).includes(err.code) ? `stocktakes.errors.${err.code}` : null
}

/** The first SKU a refusal names ("… (first: P10041)" or "SKU P10041 …"), for the message. */
export function skuOf(err: unknown): string {
  if (!(err instanceof ApiError)) return ''
  const match = /\b(?:first: |SKU )([A-Za-z0-9._-]+)/.exec(err.message)
  return match?.[1] ?? ''
}
