import { describe, expect, it } from 'vitest'
import type { TemperatureChart } from '@/api/coldchain'
import { alertPoints, band, temperatureChartOption } from './chart'

const chart = (over: Partial<TemperatureChart> = {}): TemperatureChart => ({
  equipment_id: 1,
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-02T00:00:00Z',
  min_celsius: '0.00',
  max_celsius: '4.00',
  bucket_seconds: 0,
  points: [
    { at: '2026-12-01T08:00:00Z', min: '3.00', max: '3.00', readings: 1, out_of_range: false },
    { at: '2026-12-01T09:00:00Z', min: '7.00', max: '7.00', readings: 1, out_of_range: true },
  ],
  alerts: [],
  ...over,
})

describe('temperature chart', () => {
  it('bands the allowed range', () => {
    expect(band(chart())).toEqual([0, 4])
    expect(band(chart({ min_celsius: null, max_celsius: '-18.00', points: [] }))).toEqual([-20, -18])
    expect(band(chart({ min_celsius: null, max_celsius: null }))).toBeNull()
  })

  it('marks the out-of-range readings', () => {
    expect(alertPoints(chart())).toEqual([['2026-12-01T09:00:00Z', 7]])
    const low = chart({ points: [{ at: 'a', min: '-1.50', max: '2.00', readings: 3, out_of_range: true }] })
    expect(alertPoints(low)).toEqual([['a', -1.5]])
  })

  it('draws a second line for the lows when downsampled', () => {
    const labels = { reading: 'r', low: 'l', allowed: 'a', outOfRange: 'o' }
    expect((temperatureChartOption(chart(), labels).series as unknown[]).length).toBe(1)
    expect((temperatureChartOption(chart({ bucket_seconds: 300 }), labels).series as unknown[]).length).toBe(2)
  })
})
