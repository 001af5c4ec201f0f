import { describe, expect, it } from 'vitest'
import { feedKindsFor, UploadKeys } from './feedAccess'

describe('feedKindsFor', () => {
  it('gives admins and store managers every feed, supervisors only receipts', () => {
    expect(feedKindsFor('admin')).toEqual(['sales', 'receipts', 'labour', 'expenses'])
    expect(feedKindsFor('store_manager')).toEqual(['sales', 'receipts', 'labour', 'expenses'])
    expect(feedKindsFor('supervisor')).toEqual(['receipts'])
    expect(feedKindsFor('hq_promotions')).toEqual([])
    expect(feedKindsFor(null)).toEqual([])
  })
})

describe('UploadKeys', () => {
  it('keeps the key for the same file, feed and store, and makes a new one otherwise', () => {
    let n = 0
    const keys = new UploadKeys(() => `k${++n}`)
    const file = new File(['a'], 'receipts.csv')
    const fixed = new File(['b'], 'receipts.csv')
    expect(keys.keyFor(file, 'receipts', 1)).toBe('k1')
    expect(keys.keyFor(file, 'receipts', 1)).toBe('k1')
    expect(keys.keyFor(fixed, 'receipts', 1)).toBe('k2')
    expect(keys.keyFor(fixed, 'sales', 1)).toBe('k3')
    expect(keys.keyFor(fixed, 'sales', 2)).toBe('k4')
    keys.forget()
    expect(keys.keyFor(fixed, 'sales', 2)).toBe('k5')
  })
})
