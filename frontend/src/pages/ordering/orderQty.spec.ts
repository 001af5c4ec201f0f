import { describe, expect, it } from 'vitest'
import { addDays, caseCount, deviationPercent, fromMilli, roundToCase, stepByCase, toMilli, tomorrowIn } from './orderQty'

describe('quantities in thousandths', () => {
  it.each([
    ['12.500', 12500],
    ['0.1', 100],
    ['3', 3000],
    ['-2.250', -2250],
  ])('%s is %d thousandths', (text, milli) => {
    expect(toMilli(text)).toBe(milli)
  })

  it('refuses text that is not a plain decimal', () => {
    expect(toMilli('1,5')).toBeNaN()
    expect(toMilli('')).toBeNaN()
    expect(toMilli(null)).toBeNaN()
  })

  it('writes the API form back with 3 places', () => {
    expect(fromMilli(12500)).toBe('12.500')
    expect(fromMilli(300)).toBe('0.300')
    expect(fromMilli(-50)).toBe('-0.050')
  })
})

describe('stepByCase', () => {
  it.each<[string, string, 1 | -1, string]>([
    ['12.000', '6.000', 1, '18.000'],
    ['12.000', '6.000', -1, '6.000'],
    ['0.000', '6.000', -1, '0.000'],
    ['0.000', '6.000', 1, '6.000'],
    // Between two whole cases it goes to the next whole case in that direction.
    ['8.000', '6.000', 1, '12.000'],
    ['8.000', '6.000', -1, '6.000'],
    // Kilograms by the 2.5 kg crate, no float drift.
    ['7.500', '2.500', 1, '10.000'],
    ['0.300', '0.100', 1, '0.400'],
    // No case pack: one unit at a time.
    ['3.000', '0.000', 1, '4.000'],
  ])('%s by case %s, %d → %s', (qty, pack, by, expected) => {
    expect(stepByCase(qty, pack, by)).toBe(expected)
  })
})

describe('roundToCase', () => {
  it.each([
    ['13', '6.000', '12.000'],
    ['15', '6.000', '18.000'],
    ['2', '6.000', '0.000'],
    ['-4', '6.000', '0.000'],
    ['5.2', '2.500', '5.000'],
    ['7', '1.000', '7.000'],
  ])('%s by case %s → %s', (qty, pack, expected) => {
    expect(roundToCase(qty, pack)).toBe(expected)
  })

  it('counts whole cases only', () => {
    expect(caseCount('18.000', '6.000')).toBe(3)
    expect(caseCount('13.000', '6.000')).toBeNull()
  })
})

describe('deviationPercent', () => {
  it('says the change from the suggestion in whole percent', () => {
    expect(deviationPercent('18.000', '12.000')).toBe(50)
    expect(deviationPercent('6.000', '12.000')).toBe(-50)
    expect(deviationPercent('12.000', '12.000')).toBe(0)
  })

  it('has no percentage when nothing was suggested', () => {
    expect(deviationPercent('6.000', '0.000')).toBeNull()
  })
})

describe('delivery dates', () => {
  it('adds whole days across months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it("is the store's tomorrow, not the browser's", () => {
    // 23:30 UTC on 30 November is already 1 December in Shanghai.
    const now = new Date('2026-11-30T23:30:00Z')
    expect(tomorrowIn('Asia/Shanghai', now)).toBe('2026-12-02')
    expect(tomorrowIn('UTC', now)).toBe('2026-12-01')
  })
})
