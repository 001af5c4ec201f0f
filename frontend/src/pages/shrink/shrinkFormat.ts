// How the shrink screens say things: the colour of a status, a percent, the time a lot has
// left, which loss a suggestion saves, and the refusals of the shrink API in our own words.
// What may be done to a record is not decided here: buttons come from `allowed_actions`.
import { ApiError } from '@/api/http'
import type { MarkdownStatus, MarkdownSuggestion, WriteOffStatus } from '@/api/shrink'

type Tag = 'info' | 'warning' | 'success' | 'danger'

export const WRITE_OFF_STATUS_TAG: Record<WriteOffStatus, Tag> = { pending: 'warning', posted: 'success', rejected: 'info' }
export const MARKDOWN_STATUS_TAG: Record<MarkdownStatus, Tag> = { pending: 'warning', applied: 'success', rejected: 'info' }

/** A money or quantity string as whole thousandths (fen × 10), so sums and comparisons are exact. */
export function toMilli(value: string | null | undefined): number {
  const match = /^(-?)(\d*)(?:\.(\d{0,3}))?$/.exec((value ?? '').trim())
  if (!match || (match[2] === '' && !match[3])) return 0
  const [, sign, whole = '', fraction = ''] = match
  const milli = Number(whole || '0') * 1000 + Number(fraction.padEnd(3, '0'))
  return sign === '-' ? -milli : milli
}

/** Thousandths back to money with two decimals ("12.50"). */
export function milliToMoney(milli: number): string {
  const fen = Math.round(milli / 10)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** A percent from the API ("30.00", "30") for people: "30%", "12.5%"; '—' when absent. */
export function formatPct(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  const text = value.trim().replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')
  return `${text}%`
}

/** The time a lot has left as a message key and its number: expired, hours (under two days), days. */
export function timeLeft(hoursLeft: number): { key: 'expired' | 'hoursLeft' | 'daysLeft'; n: number } {
  if (hoursLeft <= 0) return { key: 'expired', n: 0 }
  if (hoursLeft < 48) return { key: 'hoursLeft', n: hoursLeft }
  return { key: 'daysLeft', n: Math.floor(hoursLeft / 24) }
}

/**
 * What a suggestion's action saves against the other way: marking down loses
 * `loss_if_marked_down`, writing off `loss_if_written_off`; the saving is their difference
 * (never negative; 0 when writing off is the suggestion).
 */
export function suggestionSaving(s: Pick<MarkdownSuggestion, 'action' | 'loss_if_marked_down' | 'loss_if_written_off'>): string {
  if (s.action !== 'markdown') return '0.00'
  return milliToMoney(Math.max(0, toMilli(s.loss_if_written_off) - toMilli(s.loss_if_marked_down)))
}

/** The refusals of the shrink API the screens answer in their own words. */
export const SHRINK_ERROR_CODES = [
  'insufficient_stock',
  'lot_short',
  'lot_empty',
  'lot_unknown',
  'own_write_off',
  'own_markdown',
  'wrong_status',
  'discount_beyond_max',
] as const

/** The message key `shrink.errors.<code>` of a known refusal, else null. */
export function shrinkErrorKey(err: unknown): string | null {
  return err instanceof ApiError && (SHRINK_ERROR_CODES as readonly string[]).includes(err.code) ? `shrink.errors.${err.code}` : null
}
