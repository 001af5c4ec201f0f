import { describe, expect, it } from 'vitest'
import { formatBytes, formatMoney, formatQty } from './format'
import { sortParam } from './composables/tableSort'

describe('formatMoney', () => {
  it('groups thousands without touching the decimals', () => {
    expect(formatMoney('12345678.50')).toBe('12,345,678.50')
    expect(formatMoney('-1234.05')).toBe('-1,234.05')
    expect(formatMoney('999.99')).toBe('999.99')
    expect(formatMoney(null)).toBe('')
  })
})

describe('formatQty', () => {
  it('keeps three places for kg', () => {
    expect(formatQty('3.250', 'kg')).toBe('3.250')
    expect(formatQty('1250.000', 'kg')).toBe('1,250.000')
  })

  it('drops trailing zeros for pieces', () => {
    expect(formatQty('12.000', 'each')).toBe('12')
    expect(formatQty('2.500', 'each')).toBe('2.5')
    expect(formatQty('-5.000')).toBe('-5')
    expect(formatQty('-0.000')).toBe('0')
    expect(formatQty(undefined)).toBe('')
  })
})

describe('formatBytes', () => {
  it('uses B, KB and MB', () => {
    expect(formatBytes(812)).toBe('812 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(20 * 1024 * 1024)).toBe('20.0 MB')
  })
})

describe('sortParam', () => {
  it('maps table sorting to the API sort', () => {
    expect(sortParam({ prop: 'name', order: 'ascending' }, 'sku')).toBe('name')
    expect(sortParam({ prop: 'on_hand', order: 'descending' }, 'sku')).toBe('-on_hand')
    expect(sortParam({ prop: 'name', order: null }, 'sku')).toBe('sku')
  })
})
