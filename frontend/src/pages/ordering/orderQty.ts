// Quantities on the plan editor as pure functions: stepping an order by whole case packs,
// how far it is from the suggestion, and the delivery date a new plan starts with. The API's
// quantities are decimal strings with 3 places; the arithmetic here runs on whole thousandths
// so that 0.1 + 0.2 stays 0.3.
import { todayIn } from '@/pages/inventory/stockLevels'

/** "12.500" → 12500 thousandths; NaN for text that is not a plain decimal. */
export function toMilli(qty: string | null | undefined): number {
  if (qty === null || qty === undefined) return Number.NaN
  const text = qty.trim()
  if (!/^-?\d+(\.\d+)?$/.test(text)) return Number.NaN
  return Math.round(Number(text) * 1000)
}

/** 12500 thousandths → "12.500", the API's quantity form. */
export function fromMilli(milli: number): string {
  const sign = milli < 0 ? '-' : ''
  const abs = Math.abs(Math.round(milli))
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`
}

/** The case pack in thousandths, 1 unit when the product has none (or a nonsense one). */
function packMilli(casePack: string): number {
  const pack = toMilli(casePack)
  return Number.isFinite(pack) && pack > 0 ? pack : 1000
}

/**
 * The order one case pack up (`by` = 1) or down (-1) from `qty`: from between two whole
 * cases it goes to the next whole case in that direction; never below 0.
 */
export function stepByCase(qty: string, casePack: string, by: 1 | -1): string {
  const pack = packMilli(casePack)
  const current = Math.max(0, toMilli(qty) || 0)
  const cases = by > 0 ? Math.floor(current / pack) + 1 : Math.ceil(current / pack) - 1
  return fromMilli(Math.max(0, cases) * pack)
}

/** `qty` rounded to the nearest whole number of case packs (halves up), never below 0. */
export function roundToCase(qty: string, casePack: string): string {
  const pack = packMilli(casePack)
  const current = toMilli(qty)
  if (!Number.isFinite(current) || current <= 0) return fromMilli(0)
  return fromMilli(Math.round(current / pack) * pack)
}

/** How many cases `qty` is (for "6 cases of 12"), or null when it is not a whole number. */
export function caseCount(qty: string, casePack: string): number | null {
  const pack = packMilli(casePack)
  const current = toMilli(qty)
  if (!Number.isFinite(current) || current % pack !== 0) return null
  return current / pack
}

/**
 * The order's change from the suggestion in whole percent (+50, -30), or null when nothing
 * was suggested (any order is then a change the percentage cannot say).
 */
export function deviationPercent(ordered: string, suggested: string): number | null {
  const o = toMilli(ordered)
  const s = toMilli(suggested)
  if (!Number.isFinite(o) || !Number.isFinite(s) || s === 0) return null
  return Math.round(((o - s) / s) * 100)
}

/** The calendar day `days` after `day` (YYYY-MM-DD), counted in whole days whatever the zone. */
export function addDays(day: string, days: number): string {
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
  return new Date(utc + days * 86_400_000).toISOString().slice(0, 10)
}

/** The store's tomorrow: the date a new plan delivers on unless the user picks another. */
export function tomorrowIn(timeZone?: string, now: Date = new Date()): string {
  return addDays(todayIn(timeZone, now), 1)
}
