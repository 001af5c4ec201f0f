// The ordering rules' form and wording, as plain functions: weekdays are stored as digits of
// the weekday (0 = Sunday, "0123456" daily), the service level as a percent string with two
// decimals, the warmest delivery as °C with one decimal or null (not checked).
import type { FormItemRule } from 'element-plus'
import type { OrderSettings, OrderSettingsRequest } from '@/api/orderSettings'

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** Monday first, as the shop floor reads a week. */
export const WEEK = [1, 2, 3, 4, 5, 6, 0] as const

export interface OrderRulesForm {
  weekdays: number[]
  service_level: string
  max_delivery_temp: string // '' : not checked
}

export function rulesFormFrom(s: OrderSettings): OrderRulesForm {
  return {
    weekdays: [...s.delivery_weekdays].map(Number),
    service_level: s.service_level,
    max_delivery_temp: s.max_delivery_temp === null ? '' : trimTemp(s.max_delivery_temp),
  }
}

/** '4.00' → '4.0': the temperature is kept with one decimal. */
function trimTemp(v: string): string {
  return v.replace(/(\.\d)0$/, '$1')
}

export function toRulesRequest(f: OrderRulesForm, version: number): OrderSettingsRequest {
  const digits = WEEK.filter((d) => f.weekdays.includes(d)).sort((a, b) => a - b)
  return {
    delivery_weekdays: digits.join(''),
    service_level: f.service_level.trim(),
    max_delivery_temp: f.max_delivery_temp.trim() === '' ? null : f.max_delivery_temp.trim(),
    version,
  }
}

/** "Daily", or the delivery days in week order ("Mon Wed Fri"). */
export function weekdaysText(digits: string, t: Translate): string {
  if (digits.length === 7) return t('suppliers.rules.daily')
  return WEEK.filter((d) => digits.includes(String(d)))
    .map((d) => t(`suppliers.rules.day${d}`))
    .join(' ')
}

/** '95.00' → '95 %', '97.50' → '97.5 %'. */
export function percentText(v: string): string {
  return `${v.replace(/\.?0+$/, '')} %`
}

const LEVEL = /^\d{1,2}(\.\d{1,2})?$/
const TEMP = /^-?\d{1,2}(\.\d)?$/

export function serviceLevelOk(v: string): boolean {
  const s = v.trim()
  if (!LEVEL.test(s)) return false
  const n = Number(s)
  return n >= 50 && n <= 99.9
}

export function tempOk(v: string): boolean {
  const s = v.trim()
  if (s === '') return true
  return TEMP.test(s) && Math.abs(Number(s)) <= 40
}

export function orderRulesRules(t: Translate): Record<string, FormItemRule[]> {
  const check = (ok: (v: never) => boolean, key: string): FormItemRule => ({
    validator: (_r, v, cb) => (ok(v as never) ? cb() : cb(new Error(t(key)))),
    trigger: 'blur',
  })
  return {
    weekdays: [check((v: number[]) => v.length > 0, 'suppliers.rules.weekdaysRule')],
    service_level: [check(serviceLevelOk, 'suppliers.rules.serviceLevelRule')],
    max_delivery_temp: [check(tempOk, 'suppliers.rules.tempRule')],
  }
}
