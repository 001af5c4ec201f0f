// Colour rules of the inventory screen.
//   days of cover: under 1 day red (about to run out), over 14 days amber (overstock);
//   expiry: today, tomorrow or already past red, within the chosen N days amber.
import type { InventoryItem, Lot } from '@/api/inventory'

export type Level = 'danger' | 'warning' | 'normal' | 'none'

export const LOW_COVER_DAYS = 1
export const HIGH_COVER_DAYS = 14
/** Expiring today (0) or tomorrow (1) – or already expired – is urgent. */
export const URGENT_EXPIRY_DAYS = 1

/** The level of a days-of-cover value; 'none' when nothing sold lately (null). */
export function coverLevel(daysOfCover: string | null): Level {
  if (daysOfCover === null || daysOfCover === '') return 'none'
  const days = Number(daysOfCover)
  if (!Number.isFinite(days)) return 'none'
  if (days < LOW_COVER_DAYS) return 'danger'
  if (days > HIGH_COVER_DAYS) return 'warning'
  return 'normal'
}

/** The level of a lot (or product) that expires in `daysToExpiry` days. */
export function expiryLevel(daysToExpiry: number | null, withinDays: number): Level {
  if (daysToExpiry === null) return 'none'
  if (daysToExpiry <= URGENT_EXPIRY_DAYS) return 'danger'
  if (daysToExpiry <= withinDays) return 'warning'
  return 'normal'
}

/** Whole calendar days from `from` to `to`, both YYYY-MM-DD (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.UTC(...ymd(to)) - Date.UTC(...ymd(from))
  return Math.round(ms / 86_400_000)
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number)
  return [y ?? 1970, (m ?? 1) - 1, d ?? 1]
}

/** Today's date as YYYY-MM-DD in the given time zone (the store's), or the browser's. */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  }
}

/** Lots that still hold stock and have an expiry date. */
function datedLots(lots: Lot[]): Lot[] {
  return lots.filter((lot) => lot.expiry_date !== null && Number(lot.qty_remaining) > 0)
}

/**
 * Days until the item's next expiry: the server's days_to_expiry of the first-expiring lot
 * (counted in the store's time zone), else counted from `today`. Null without an expiry.
 */
export function nextExpiryDays(item: Pick<InventoryItem, 'next_expiry' | 'lots'>, today: string): number | null {
  const counted = datedLots(item.lots)
    .map((lot) => lot.days_to_expiry)
    .filter((days): days is number => days !== null)
  if (counted.length > 0) return Math.min(...counted)
  return item.next_expiry ? daysBetween(today, item.next_expiry) : null
}

/** Days until a lot expires: the server's count, else counted from `today`. */
export function lotExpiryDays(lot: Lot, today: string): number | null {
  if (lot.days_to_expiry !== null && lot.days_to_expiry !== undefined) return lot.days_to_expiry
  return lot.expiry_date ? daysBetween(today, lot.expiry_date) : null
}

/** Thousandths of a quantity string ("3.250" → 3250), exact for any stock figure. */
function milli(qty: string): number {
  return Math.round(Number(qty) * 1000)
}

/**
 * Splits an item's open stock that is due by `withinDays` into what has already expired
 * (past its date: it must come off the shelf) and what is still only near expiry (临期),
 * as quantity strings with three decimals.
 */
export function expirySplit(lots: Lot[], today: string, withinDays: number): { expired: string; expiring: string } {
  let expired = 0
  let expiring = 0
  for (const lot of datedLots(lots)) {
    const days = lotExpiryDays(lot, today)
    if (days === null || days > withinDays) continue
    if (days < 0) expired += milli(lot.qty_remaining)
    else expiring += milli(lot.qty_remaining)
  }
  return { expired: (expired / 1000).toFixed(3), expiring: (expiring / 1000).toFixed(3) }
}
