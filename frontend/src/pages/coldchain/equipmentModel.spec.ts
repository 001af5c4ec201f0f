import { describe, expect, it } from 'vitest'
import { chartWindow, parseCelsius, rangeText } from './equipmentModel'

describe('equipment model', () => {
  it('writes ranges', () => {
    expect(rangeText('0.00', '4.00')).toBe('0.00–4.00 °C')
    expect(rangeText(null, '-18.00')).toBe('≤ -18.00 °C')
    expect(rangeText('60.00', null)).toBe('≥ 60.00 °C')
    expect(rangeText(null, null)).toBeNull()
  })
  it('parses typed readings', () => {
    expect(parseCelsius(' 7 ')).toBe('7')
    expect(parseCelsius('−18.5')).toBe('-18.5')
    expect(parseCelsius('abc')).toBeNull()
    expect(parseCelsius('3.456')).toBeNull()
  })
  it('spans the chart window', () => {
    const w = chartWindow(new Date('2026-12-01T08:00:30Z'), 7)
    expect(w.to).toBe('2026-12-01T08:02:00Z')
    expect(w.from).toBe('2026-11-24T08:02:00Z')
  })
})
