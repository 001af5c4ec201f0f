import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { formatPct, milliToMoney, shrinkErrorKey, suggestionSaving, timeLeft, toMilli } from './shrinkFormat'

describe('toMilli and milliToMoney', () => {
  it.each([
    ['12.50', 12_500],
    ['3.250', 3_250],
    ['0', 0],
    ['-1.5', -1_500],
    ['7', 7_000],
    ['', 0],
    ['abc', 0],
  ])('reads %j as %i thousandths', (text, milli) => {
    expect(toMilli(text)).toBe(milli)
  })

  it('writes money with two decimals, rounding half a fen away', () => {
    expect(milliToMoney(12_500)).toBe('12.50')
    expect(milliToMoney(5)).toBe('0.01')
    expect(milliToMoney(-1_230)).toBe('-1.23')
    expect(milliToMoney(0)).toBe('0.00')
  })
})

describe('formatPct', () => {
  it('drops trailing zeros, adds the sign, and shows a dash without a value', () => {
    const shown = ['30.00', '12.50', '50', null, ''].map(formatPct)
    expect(shown).toEqual(['30%', '12.5%', '50%', '—', '—'])
  })
})

describe('timeLeft', () => {
  it('says expired at 0 hours or below', () => {
    expect(timeLeft(0)).toEqual({ key: 'expired', n: 0 })
    expect(timeLeft(-5)).toEqual({ key: 'expired', n: 0 })
  })

  it('counts hours under two days and whole days beyond', () => {
    expect(timeLeft(3)).toEqual({ key: 'hoursLeft', n: 3 })
    expect(timeLeft(47)).toEqual({ key: 'hoursLeft', n: 47 })
    expect(timeLeft(71)).toEqual({ key: 'daysLeft', n: 2 })
  })
})

describe('suggestionSaving', () => {
  it('is what marking down saves against writing off', () => {
    expect(suggestionSaving({ action: 'markdown', loss_if_marked_down: '4.80', loss_if_written_off: '11.20' })).toBe('6.40')
  })

  it('is never negative', () => {
    expect(suggestionSaving({ action: 'markdown', loss_if_marked_down: '12.00', loss_if_written_off: '10.00' })).toBe('0.00')
  })

  it('is nothing for a lot to write off', () => {
    expect(suggestionSaving({ action: 'write_off', loss_if_marked_down: '0.00', loss_if_written_off: '10.00' })).toBe('0.00')
  })
})

describe('shrinkErrorKey', () => {
  it('names the refusals the screens know', () => {
    expect(shrinkErrorKey(new ApiError(422, 'insufficient_stock', 'x'))).toBe('shrink.errors.insufficient_stock')
    expect(shrinkErrorKey(new ApiError(403, 'own_write_off', 'x'))).toBe('shrink.errors.own_write_off')
  })

  it('leaves the others to the shared texts', () => {
    expect(shrinkErrorKey(new ApiError(400, 'validation_failed', 'x'))).toBeNull()
    expect(shrinkErrorKey(new Error('boom'))).toBeNull()
  })
})
