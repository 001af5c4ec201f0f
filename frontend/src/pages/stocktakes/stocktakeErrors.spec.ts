import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { skuOf, stocktakeErrorKey } from './stocktakeErrors'

describe('stocktake errors', () => {
  it('maps known refusals to message keys', () => {
    expect(stocktakeErrorKey(new ApiError(422, 'same_counter', 'SKU P10041 must be recounted by someone other'))).toBe('stocktakes.errors.same_counter')
    expect(stocktakeErrorKey(new ApiError(403, 'blind_stocktake', 'x'))).toBe('stocktakes.errors.blind_stocktake')
    expect(stocktakeErrorKey(new ApiError(409, 'idempotency_key_reused', 'x'))).toBe('stocktakes.errors.idempotency_key_reused')
  })

  it('leaves other errors to the shared texts', () => {
    expect(stocktakeErrorKey(new ApiError(400, 'validation_failed', 'x'))).toBeNull()
    expect(stocktakeErrorKey(new Error('x'))).toBeNull()
  })

  it('finds the SKU a refusal names', () => {
    expect(skuOf(new ApiError(422, 'uncounted_skus', '3 SKUs in scope are not counted (first: P10043): count them'))).toBe('P10043')
    expect(skuOf(new ApiError(422, 'not_assignee', 'the recount of SKU P10041 is assigned'))).toBe('P10041')
    expect(skuOf(new ApiError(409, 'wrong_state', 'x'))).toBe('')
  })
})
