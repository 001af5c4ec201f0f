import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { isBelowCost, priceErrorKey } from './usePriceActions'
import { complaintErrorKey } from '@/pages/complaints/useComplaintError'

describe('price survey refusals', () => {
  it('names the refusals these screens word themselves', () => {
    expect(priceErrorKey(new ApiError(409, 'already_promoted', 'x'))).toBe('priceSurveys.errors.already_promoted')
    expect(priceErrorKey(new ApiError(422, 'no_gap', 'x'))).toBe('priceSurveys.errors.no_gap')
    expect(priceErrorKey(new ApiError(409, 'duplicate', 'x'))).toBe('priceSurveys.errors.duplicate')
    expect(priceErrorKey(new ApiError(400, 'validation', 'x'))).toBeNull()
    expect(priceErrorKey(new Error('network'))).toBeNull()
  })
  it('offers the below-cost confirmation only for 422 below_cost', () => {
    expect(isBelowCost(new ApiError(422, 'below_cost', 'x'))).toBe(true)
    expect(isBelowCost(new ApiError(409, 'below_cost', 'x'))).toBe(false)
    expect(isBelowCost(new ApiError(422, 'no_gap', 'x'))).toBe(false)
  })
  it('words the complaint status refusals', () => {
    expect(complaintErrorKey(new ApiError(409, 'wrong_status', 'x'))).toBe('complaints.errors.wrong_status')
    expect(complaintErrorKey(new ApiError(409, 'stale_version', 'x'))).toBe('complaints.errors.stale_version')
    expect(complaintErrorKey(new ApiError(404, 'not_found', 'x'))).toBeNull()
  })
})
