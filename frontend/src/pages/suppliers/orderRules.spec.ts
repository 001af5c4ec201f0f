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

  it.each([
    ['95', true],
    ['99.90', true],
    ['99.95', false],
    ['49.99', false],
    ['9x', false],
  ])('takes service level %s: %s (50 to 99.9, as the server)', (v, ok) => expect(serviceLevelOk(v)).toBe(ok))

  it.each([
    ['', true],
    ['-18.5', true],
    ['4.25', false],
    ['41', false],
  ])('takes warmest delivery %j: %s (-40 to 40 °C, one decimal, empty for none)', (v, ok) => expect(tempOk(v)).toBe(ok))
})
