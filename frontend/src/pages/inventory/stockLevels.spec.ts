import { describe, expect, it } from 'vitest'
import { coverLevel, daysBetween, expiryLevel, expirySplit, lotExpiryDays, nextExpiryDays, todayIn } from './stockLevels'
import type { Lot } from '@/api/inventory'

function lot(id: number, expiry: string, days: number, qty = '1.000'): Lot {
  return { id, received_date: '2025-03-01', expiry_date: expiry, qty_remaining: qty, days_to_expiry: days }
}

describe('coverLevel', () => {
  it('is red under 1 day, amber over 14 days', () => {
    expect(coverLevel('0.0')).toBe('danger')
    expect(coverLevel('0.9')).toBe('danger')
    expect(coverLevel('1.0')).toBe('normal')
    expect(coverLevel('3.5')).toBe('normal')
    expect(coverLevel('14.0')).toBe('normal')
    expect(coverLevel('14.1')).toBe('warning')
    expect(coverLevel('120')).toBe('warning')
  })

  it('has no colour when nothing sold lately', () => {
    expect(coverLevel(null)).toBe('none')
    expect(coverLevel('')).toBe('none')
  })
})

describe('expiryLevel', () => {
  it('is red for today, tomorrow and the past', () => {
    expect(expiryLevel(-2, 3)).toBe('danger')
    expect(expiryLevel(0, 3)).toBe('danger')
    expect(expiryLevel(1, 3)).toBe('danger')
  })

  it('is amber within the chosen window, plain beyond it', () => {
    expect(expiryLevel(2, 3)).toBe('warning')
    expect(expiryLevel(3, 3)).toBe('warning')
    expect(expiryLevel(4, 3)).toBe('normal')
    expect(expiryLevel(6, 7)).toBe('warning')
    expect(expiryLevel(2, 1)).toBe('normal')
  })

  it('has no colour without an expiry', () => {
    expect(expiryLevel(null, 3)).toBe('none')
  })
})

describe('expiry days', () => {
  it('counts calendar days across months and years', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toBe(3)
    expect(daysBetween('2024-12-31', '2025-01-01')).toBe(1)
    expect(daysBetween('2025-03-02', '2025-03-01')).toBe(-1)
  })

  it('takes the server count of the first-expiring lot that holds stock', () => {
    const item = { next_expiry: '2025-03-04', lots: [lot(1, '2025-03-09', 8), lot(2, '2025-03-04', 3), lot(3, '2025-03-02', 1, '0.000')] }
    expect(nextExpiryDays(item, '2025-03-01')).toBe(3)
  })

  it('counts from today when no lot says, and takes the server count of a lot', () => {
    expect(nextExpiryDays({ next_expiry: '2025-03-03', lots: [] }, '2025-03-01')).toBe(2)
    expect(nextExpiryDays({ next_expiry: null, lots: [] }, '2025-03-01')).toBeNull()
    expect(lotExpiryDays(lot(5, '2025-03-05', 0), '2025-03-01')).toBe(0)
  })

  it("tells the store's today in its time zone", () => {
    const lateUtc = new Date('2025-03-01T20:00:00Z')
    expect(todayIn('Asia/Shanghai', lateUtc)).toBe('2025-03-02')
    expect(todayIn('UTC', lateUtc)).toBe('2025-03-01')
    expect(todayIn('Not/AZone', lateUtc)).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })
})

describe('expirySplit', () => {
  const lot = (expiry: string, qty: string, days: number | null = null): Lot =>
    ({ id: 1, received_date: '2026-11-01', expiry_date: expiry, qty_remaining: qty, days_to_expiry: days }) as Lot
  it('tells expired stock from stock that is only near expiry', () => {
    const lots = [lot('2026-11-28', '1.500'), lot('2026-11-30', '2.250'), lot('2026-12-02', '0.100'), lot('2026-12-20', '9')]
    expect(expirySplit(lots, '2026-11-30', 3)).toEqual({ expired: '1.500', expiring: '2.350' })
  })
  it('trusts the server’s day count and adds exactly', () => {
    const lots = [lot('2026-11-29', '0.1', -2), lot('2026-11-29', '0.2', -2), lot('2026-12-01', '0.3', 0)]
    expect(expirySplit(lots, '2026-11-30', 3)).toEqual({ expired: '0.300', expiring: '0.300' })
  })
  it('is nothing without dated stock', () => {
    expect(expirySplit([lot('2026-11-28', '0')], '2026-11-30', 3)).toEqual({ expired: '0.000', expiring: '0.000' })
  })
})
