// The checks the shrink forms make before sending, so a mistyped number is said at the field
// rather than after a round trip; the server checks everything again (and has the last word
// on stock, the threshold and the ladder). Pure functions, unit-tested; each answers null
// when the input is fine, else the message key under `shrink.rules`.
import type { MarkdownCreate, MarkdownRules, MarkdownRulesRequest, WriteOffReason } from '@/api/shrink'
import { toMilli } from './shrinkFormat'

/** A decimal the API accepts: digits with at most `places` after the point. */
function isDecimal(text: string, places: number): boolean {
  return new RegExp(`^\\d+(\\.\\d{1,${places}})?$`).test(text.trim())
}

/** A quantity written off or marked down: above 0, at most 3 decimals. */
export function qtyProblem(text: string): string | null {
  if (!text.trim()) return 'qtyRequired'
  if (!isDecimal(text, 3)) return 'qtyFormat'
  return toMilli(text) > 0 ? null : 'qtyPositive'
}

/** Money (a price or the threshold): 0 or more, at most 2 decimals. */
export function moneyProblem(text: string): string | null {
  if (!text.trim()) return 'moneyRequired'
  return isDecimal(text, 2) ? null : 'moneyFormat'
}

/** A discount: above 0 and below 100, at most 2 decimals. */
export function pctProblem(text: string): string | null {
  if (!text.trim()) return 'pctRequired'
  if (!isDecimal(text, 2)) return 'pctFormat'
  const milli = toMilli(text)
  return milli > 0 && milli < 100_000 ? null : 'pctRange'
}

/** What a markdown suggestion puts into the write-off form: its product, lot and remainder. */
export interface WriteOffPrefill {
  sku: string
  lotId: number | null
  reason: WriteOffReason
  qty: string
}

/** The manual markdown form: the new price given as a price or as a percent off. */
export interface MarkdownForm {
  sku: string
  qty: string
  by: 'pct' | 'price'
  pct: string
  price: string
  reason: MarkdownCreate['reason']
  note: string
  lotId: number | null
}

/** The request of the manual markdown form (exactly one of `discount_pct` and `markdown_price`). */
export function markdownRequest(form: MarkdownForm): MarkdownCreate {
  const body: MarkdownCreate = { sku: form.sku.trim(), qty: form.qty.trim(), reason: form.reason }
  if (form.by === 'pct') body.discount_pct = form.pct.trim()
  else body.markdown_price = form.price.trim()
  if (form.note.trim()) body.note = form.note.trim()
  if (form.lotId !== null) body.lot_id = form.lotId
  return body
}

/** A department's rules as the settings form edits them. */
export interface RulesForm {
  ladder: string
  max: string
  windowDays: number
  schedule: { hours: number; pct: string }[]
}

/** Percents as the ladder field shows them: "20, 30, 50". */
export function ladderText(ladder: readonly string[]): string {
  return ladder.map((p) => p.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')).join(', ')
}

/** The ladder field's percents ("20, 30 50" or "20，30"), in the order typed. */
export function parseLadder(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((p) => p.replace(/%$/, '').trim())
    .filter(Boolean)
}

export function rulesForm(rules: MarkdownRules): RulesForm {
  return {
    ladder: ladderText(rules.ladder),
    max: ladderText([rules.max_discount_pct]),
    windowDays: rules.window_days,
    schedule: rules.schedule.map((s) => ({ hours: s.hours_left, pct: ladderText([s.discount_pct]) })),
  }
}

/**
 * The first problem of a department's rules, as the contract states them: the maximum above 0
 * and at most 90; ladder steps distinct, above 0 and at most the maximum; schedule steps on
 * the ladder with distinct hours from 1 to 168, deeper discounts for fewer hours left.
 */
export function rulesProblem(form: RulesForm): string | null {
  if (pctProblem(form.max)) return 'maxFormat'
  const max = toMilli(form.max)
  if (max > 90_000) return 'maxRange'
  const ladder = parseLadder(form.ladder)
  if (ladder.length === 0 || ladder.length > 8) return 'ladderCount'
  if (ladder.some((p) => pctProblem(p))) return 'ladderFormat'
  const steps = ladder.map(toMilli)
  if (new Set(steps).size !== steps.length) return 'ladderDistinct'
  if (steps.some((s) => s > max)) return 'ladderAboveMax'
  if (!Number.isInteger(form.windowDays) || form.windowDays < 1 || form.windowDays > 14) return 'windowRange'
  if (form.schedule.length > 8) return 'scheduleCount'
  const hours = form.schedule.map((s) => s.hours)
  if (hours.some((h) => !Number.isInteger(h) || h < 1 || h > 168)) return 'scheduleHours'
  if (new Set(hours).size !== hours.length) return 'scheduleDistinct'
  if (form.schedule.some((s) => pctProblem(s.pct) || !steps.includes(toMilli(s.pct)))) return 'scheduleOnLadder'
  const byHours = [...form.schedule].sort((a, b) => b.hours - a.hours)
  for (let i = 1; i < byHours.length; i++) if (toMilli(byHours[i]!.pct) <= toMilli(byHours[i - 1]!.pct)) return 'scheduleDeeper'
  return null
}

/** The PUT body of a department's rules (with the version read). */
export function rulesRequest(form: RulesForm, version: number): MarkdownRulesRequest {
  return {
    ladder: parseLadder(form.ladder),
    max_discount_pct: form.max.trim(),
    window_days: form.windowDays,
    schedule: form.schedule.map((s) => ({ hours_left: s.hours, discount_pct: s.pct.trim() })),
    version,
  }
}

/** An Element Plus form rule from one of the checks above, its message in the reader's words. */
export function checkRule(check: (text: string) => string | null, t: (key: string) => string) {
  return {
    trigger: 'blur',
    validator: (_rule: unknown, value: unknown, callback: (error?: Error) => void) => {
      const problem = check(String(value ?? ''))
      callback(problem ? new Error(t(`shrink.rules.${problem}`)) : undefined)
    },
  }
}
