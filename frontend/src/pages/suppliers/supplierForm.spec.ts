import { describe, expect, it } from 'vitest'
import type { Supplier } from '@/api/suppliers'
import { isCutoff, SUPPLIER_CODE_PATTERN, supplierFormFrom, supplierFormRules, toSupplierCreate, toSupplierUpdate } from './supplierForm'

const bakery: Supplier = {
  id: 4,
  code: 'central-bakery',
  name: '中央面包工坊',
  lead_time_days: 1,
  order_cutoff: '14:00',
  contact: '021-5888 0004',
  active: true,
  version: 2,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
}

/** Runs the `order_cutoff` rule (the one with a validator) and answers its message, or ''. */
function cutoffError(value: string): string {
  const rules = supplierFormRules((key) => key).order_cutoff as { validator?: (...a: unknown[]) => void }[]
  let message = ''
  rules.find((r) => r.validator)!.validator!({}, value, (err?: Error) => (message = err?.message ?? ''))
  return message
}

describe('supplier form', () => {
  it('takes cut-offs from 00:00 to 23:59 with two digits each, as the server does', () => {
    for (const ok of ['00:00', '09:30', '16:00', '23:59']) expect(isCutoff(ok), ok).toBe(true)
    for (const bad of ['24:00', '9:00', '12:60', '12-00', '1200', '', ' 12:00', '+1:00']) expect(isCutoff(bad), bad).toBe(false)
    expect(cutoffError(' 10:30 ')).toBe('')
    expect(cutoffError('10.30')).toBe('suppliers.cutoffRule')
  })

  it('takes lowercase code slugs only', () => {
    expect(SUPPLIER_CODE_PATTERN.test('egg-farm_2')).toBe(true)
    expect(SUPPLIER_CODE_PATTERN.test('Egg')).toBe(false)
    expect(SUPPLIER_CODE_PATTERN.test('-egg')).toBe(false)
    expect(SUPPLIER_CODE_PATTERN.test('a'.repeat(33))).toBe(false)
  })

  it('creates with trimmed texts, active, next-day delivery by default', () => {
    const form = supplierFormFrom(null)
    expect(form).toEqual({ code: '', name: '', lead_time_days: 1, order_cutoff: '', contact: '', active: true })
    expect(toSupplierCreate({ ...form, code: ' egg-farm ', name: ' 蛋品合作社 ', order_cutoff: '11:00 ', contact: ' 021-5888 1010 ' })).toEqual({
      code: 'egg-farm',
      name: '蛋品合作社',
      lead_time_days: 1,
      order_cutoff: '11:00',
      contact: '021-5888 1010',
      active: true,
    })
  })

  it('sends only what changed on an edit, with the version read', () => {
    expect(toSupplierUpdate(supplierFormFrom(bakery), bakery)).toEqual({ version: 2 })
    const edited = { ...supplierFormFrom(bakery), order_cutoff: '15:30', contact: '', active: false }
    expect(toSupplierUpdate(edited, bakery)).toEqual({ version: 2, order_cutoff: '15:30', contact: '', active: false })
  })
})
