import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { emptyRecallForm, type RecallMode, MAX_RECALL_LOTS, parseLotIds, recallError, recallFieldErrors, recallFormRules, toRecallCreate } from './recallForm'

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)

/** Runs the rule of `field` (a validator) on `value` for a form in `mode`, and answers its message, or ''. */
function ruleError(field: 'lots' | 'range', value: unknown, mode: RecallMode = 'lots'): string {
  const form = { ...emptyRecallForm(), mode }
  const rules = recallFormRules(() => form, t)[field] as { validator: (...a: unknown[]) => void }[]
  let message = ''
  rules[0]!.validator({}, value, (err?: Error) => (message = err?.message ?? ''))
  return message
}
const lotsError = (value: string) => ruleError('lots', value)

describe('lot ids', () => {
  it('reads ids separated by commas, Chinese commas or spaces, in order and each once', () => {
    expect(parseLotIds('12, 13,14')).toEqual([12, 13, 14])
    expect(parseLotIds(' 7，8、9 ; 7  10 ')).toEqual([7, 8, 9, 10])
    expect(parseLotIds('')).toEqual([])
    expect(parseLotIds(' , ')).toEqual([])
  })

  it('refuses what is not a whole number from 1', () => {
    for (const bad of ['0', '12, -3', '1.5', 'A12', '12a', '99999999999999999999']) expect(parseLotIds(bad), bad).toBeNull()
    expect(lotsError('12, x')).toBe('recalls.lotsRule')
    expect(lotsError('12, 13')).toBe('')
    expect(lotsError('')).toBe('')
    const many = Array.from({ length: MAX_RECALL_LOTS + 1 }, (_, i) => i + 1).join(',')
    expect(lotsError(many)).toBe(`recalls.lotsMax {"n":${MAX_RECALL_LOTS}}`)
  })
})

describe('the recall request', () => {
  it('sends the lots named, trimmed texts and no stores for every store', () => {
    const form = { ...emptyRecallForm(), sku: ' P10045 ', lots: '31, 32 31', reason: ' 供应商通知 ', range: ['2026-11-01', '2026-11-02'] as [string, string] }
    expect(toRecallCreate(form)).toEqual({ sku: 'P10045', lot_ids: [31, 32], reason: '供应商通知' })
  })

  it('sends neither lots nor range for a product that goes back whole', () => {
    expect(toRecallCreate({ ...emptyRecallForm(), sku: 'P20001', reason: 'x' })).toEqual({ sku: 'P20001', reason: 'x' })
  })

  it('sends the receiving range, and not the lots typed before switching', () => {
    const form = { ...emptyRecallForm(), sku: 'P10045', mode: 'range' as const, lots: '5', range: ['2026-11-20', '2026-11-22'] as [string, string], reason: 'r' }
    expect(toRecallCreate(form)).toEqual({ sku: 'P10045', received_from: '2026-11-20', received_to: '2026-11-22', reason: 'r' })
  })

  it('sends the chosen stores once each', () => {
    const form = { ...emptyRecallForm(), sku: 'P1', reason: 'r', store_ids: [2, 1, 2] }
    expect(toRecallCreate(form).store_ids).toEqual([2, 1])
  })

  it('checks the lots in lots mode and the range in range mode only', () => {
    expect(ruleError('lots', 'x', 'range')).toBe('')
    expect(ruleError('range', null, 'lots')).toBe('')
    expect(ruleError('range', null, 'range')).toBe('recalls.rangeRequired')
    expect(ruleError('range', ['2026-11-20', '2026-11-22'], 'range')).toBe('')
  })
})

describe("the server's refusals", () => {
  it("puts each field error by the form's field", () => {
    expect(recallFieldErrors({ 'lot_ids[0]': 'lot 5 is not an open lot of P1', 'lot_ids[2]': 'lot 9 is not', received_to: 'at most 366 days', received_from: 'after', 'store_ids[1]': 'no active store 99' }))
      .toEqual({ lots: 'lot 5 is not an open lot of P1; lot 9 is not', range: 'at most 366 days; after', store_ids: 'no active store 99' })
    expect(recallFieldErrors({ sku: 'unknown product', reason: 'required' })).toEqual({ sku: 'unknown product', reason: 'required' })
  })

  it('says "nothing to recall" in our words and keeps the status and code', () => {
    const err = recallError(new ApiError(422, 'nothing_to_recall', 'no store holds stock of these lots'), t) as ApiError
    expect([err.status, err.code, err.message]).toEqual([422, 'nothing_to_recall', 'recalls.nothingToRecall'])
    const bad = recallError(new ApiError(400, 'validation_failed', 'invalid', { 'lot_ids[0]': 'not open' }), t) as ApiError
    expect([bad.message, bad.fields]).toEqual(['invalid', { lots: 'not open' }])
    const other = new Error('offline')
    expect(recallError(other, t)).toBe(other)
  })
})
