import { describe, expect, it } from 'vitest'
import { addEntry, addQty, buildSheet, keepKeyAfter, keyFor, newUuid, removeEntry, setEntryQty, sheetLines, type SheetEntry } from './countSheet'

const entry = (sku: string, qty: string): SheetEntry => ({ sku, name: sku, unit: 'kg', qty })

describe('count sheet', () => {
  it('adds exact decimals', () => {
    expect(addQty('0.100', '0.200')).toBe('0.300')
    expect(addQty('1.999', '0.001')).toBe('2.000')
  })

  it('sums a SKU entered twice and moves it to the top', () => {
    let list = addEntry([], entry('A', '3.000')).entries
    list = addEntry(list, entry('B', '1.000')).entries
    const again = addEntry(list, entry('A', '2.500'))
    expect(again.summed).toBe(true)
    expect(again.entries).toEqual([entry('A', '5.500'), entry('B', '1.000')])
  })

  it('replaces on edit and removes', () => {
    const list = [entry('A', '5.000'), entry('B', '1.000')]
    expect(setEntryQty(list, 'A', '4.000')[0]!.qty).toBe('4.000')
    expect(removeEntry(list, 'A')).toEqual([entry('B', '1.000')])
  })

  it('builds one line per SKU in SKU order', () => {
    expect(sheetLines([entry('B', '1.000'), entry('A', '2.000'), entry('B', '0.500')])).toEqual([
      { sku: 'A', qty: '2.000' },
      { sku: 'B', qty: '1.500' },
    ])
    expect(buildSheet('冷库', [entry('A', '0.000')], true)).toEqual({ zone: '冷库', lines: [{ sku: 'A', qty: '0.000' }], recount: true })
  })

  it('reuses the Idempotency-Key for a retry of the same sheet only', () => {
    let n = 0
    const uuid = () => `k${++n}`
    const sheet = buildSheet('冷库', [entry('A', '1.000')])
    const first = keyFor(sheet, null, uuid)
    expect(keyFor(sheet, first, uuid)).toBe(first)
    const changed = keyFor(buildSheet('冷库', [entry('A', '2.000')]), first, uuid)
    expect(changed.key).toBe('k2')
    expect(keepKeyAfter(0)).toBe(true)
    expect(keepKeyAfter(503)).toBe(true)
    expect(keepKeyAfter(422)).toBe(false)
  })

  it('makes UUIDs the server accepts as keys', () => {
    expect(newUuid()).toMatch(/^[0-9a-f-]{36}$/)
  })
})
