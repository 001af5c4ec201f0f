import { describe, expect, it } from 'vitest'
import type { Equipment } from '@/api/coldchain'
import { KIND_RANGES, chartWindow, createEquipment, equipmentForm, parseCelsius, patchEquipment, rangeText } from './equipmentModel'

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

describe('equipment form', () => {
  const saved = {
    id: 5, store_id: 1, kind: 'cold_room', name: '1号冷库', department_code: 'meat', location: '后区', min_celsius: '0.00', max_celsius: '4.00', active: true,
    maintenance_interval_days: 90, next_maintenance_due: '2027-01-10', maintenance_overdue: false, last_reading_at: null, last_celsius: null, open_alerts: 0, version: 3,
    updated_at: '2026-11-30T00:00:00Z',
  } as Equipment

  it('registers a new piece with only the fields set', () => {
    const f = { ...equipmentForm(), name: ' 2号冷库 ', department_code: 'produce', max: '' }
    expect(createEquipment(f)).toEqual({ kind: 'cold_room', name: '2号冷库', department_code: 'produce', location: '', maintenance_interval_days: 90, min_celsius: '0' })
    expect(KIND_RANGES.freezer).toEqual({ min: '', max: '-18' })
  })

  it('patches only what changed, clears an emptied bound and sends the version read', () => {
    const f = equipmentForm(saved)
    expect(patchEquipment(saved, f)).toEqual({ version: 3 })
    f.max = '5'
    f.min = ''
    f.active = false
    expect(patchEquipment(saved, f)).toEqual({ version: 3, max_celsius: '5', clear_min: true, active: false })
    expect(patchEquipment(saved, { ...equipmentForm(saved), min: '0', max: '4.0' })).toEqual({ version: 3 })
  })
})
