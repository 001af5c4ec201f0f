import { describe, expect, it } from 'vitest'
import { changedFields } from './patch'

describe('changedFields', () => {
  it('keeps only the fields that differ, null and empty text included', () => {
    const before = { name: '果蔬基地', contact: '021-1', supplier_code: 'farm-base' as string | null, days: 1 }
    expect(changedFields({ ...before }, before)).toEqual({})
    expect(changedFields({ ...before, supplier_code: null, contact: '', days: 2 }, before)).toEqual({ supplier_code: null, contact: '', days: 2 })
  })
})
