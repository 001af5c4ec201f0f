import { describe, expect, it } from 'vitest'
import { daysInMonth, monthRange, periodQuery, previousMonth } from './period'

describe('periods', () => {
  it('steps back a month, over a year end too', () => {
    expect(previousMonth('2026-03')).toBe('2026-02')
    expect(previousMonth('2026-01')).toBe('2025-12')
  })

  it('knows the length of months', () => {
    expect(daysInMonth('2024-02')).toBe(29)
    expect(daysInMonth('2026-02')).toBe(28)
    expect(daysInMonth('2026-11')).toBe(30)
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
  })

  it('leaves month to date to the server (the store time zone)', () => {
    expect(periodQuery('mtd', '2026-11-25')).toEqual({})
  })

  it('asks for the whole of last month', () => {
    expect(periodQuery('last_month', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
  })

  it('uses a custom range only when both ends are chosen', () => {
    expect(periodQuery('custom', '2026-11-25', ['2026-11-01', '2026-11-10'])).toEqual({ from: '2026-11-01', to: '2026-11-10' })
    expect(periodQuery('custom', '2026-11-25', null)).toEqual({})
  })
})
