import { describe, expect, it } from 'vitest'
import { percentText, rulesFormFrom, serviceLevelOk, tempOk, toRulesRequest, weekdaysText } from './orderRules'

const t = (key: string) => key.replace('suppliers.rules.', '')

describe('ordering rules', () => {
  it('reads stored rules into the form and back, weekdays in digit order', () => {
    const f = rulesFormFrom({ department_code: 'dry', delivery_weekdays: '531', service_level: '97.50', max_delivery_temp: '4.00', version: 2 })
    expect(f).toEqual({ weekdays: [5, 3, 1], service_level: '97.50', max_delivery_temp: '4.0' })
    expect(toRulesRequest(f, 2)).toEqual({ delivery_weekdays: '135', service_level: '97.50', max_delivery_temp: '4.0', version: 2 })
    expect(toRulesRequest({ ...f, max_delivery_temp: ' ' }, 0).max_delivery_temp).toBeNull()
  })

  it('words the delivery days Monday first, or daily', () => {
    expect(weekdaysText('0123456', t)).toBe('daily')
    expect(weekdaysText('061', t)).toBe('day1 day6 day0')
  })

  it('shows percents without trailing zeros', () => {
    expect(percentText('95.00')).toBe('95 %')
    expect(percentText('97.50')).toBe('97.5 %')
  })

  it('checks the service level and the temperature as the server does', () => {
    expect(serviceLevelOk('95')).toBe(true)
    expect(serviceLevelOk('99.90')).toBe(true)
    expect(serviceLevelOk('99.95')).toBe(false)
    expect(serviceLevelOk('49.99')).toBe(false)
    expect(serviceLevelOk('9x')).toBe(false)
    expect(tempOk('')).toBe(true)
    expect(tempOk('-18.5')).toBe(true)
    expect(tempOk('4.25')).toBe(false)
    expect(tempOk('41')).toBe(false)
  })
})
