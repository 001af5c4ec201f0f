// The pure parts of the price survey screens: the create request, the server's per-line field
// errors (`lines[2].their_price`) sorted onto their lines, and the price gaps as shown.
import type { PriceGap, PriceSurveyCreate } from '@/api/priceSurveys'

export interface SurveyLineState {
  sku: string
  name: string
  our_price: string
  their_price: string
  photos: number[]
}

export interface SurveyFormState {
  competitor: string
  survey_date: string
  note: string
  lines: SurveyLineState[]
}

export const emptySurveyLine = (): SurveyLineState => ({ sku: '', name: '', our_price: '', their_price: '', photos: [] })

/** The create request: every line with a SKU, our price only when given (the catalogue's otherwise). */
export function surveyRequest(form: SurveyFormState): PriceSurveyCreate {
  const body: PriceSurveyCreate = {
    competitor: form.competitor.trim(),
    survey_date: form.survey_date,
    lines: form.lines.map((l) => {
      const out: PriceSurveyCreate['lines'][number] = { sku: l.sku.trim(), their_price: l.their_price.trim() }
      if (l.our_price.trim()) out.our_price = l.our_price.trim()
      if (l.photos.length) out.photos = [...l.photos]
      return out
    }),
  }
  if (form.note.trim()) body.note = form.note.trim()
  return body
}

/** Field errors split: those of the survey, and per line index (from 0) by field. */
export function splitLineErrors(fields: Record<string, string>): { survey: Record<string, string>; lines: Record<number, Record<string, string>> } {
  const survey: Record<string, string> = {}
  const lines: Record<number, Record<string, string>> = {}
  for (const [key, message] of Object.entries(fields)) {
    const m = /^lines\[(\d+)\]\.(\w+)/.exec(key)
    if (m) {
      const i = Number(m[1])
      ;(lines[i] ??= {})[m[2]!] = message
    } else survey[key] = message
  }
  return { survey, lines }
}

/** The gap in percent as shown: a sign and one decimal (`+12.5%`). */
export function formatGapPct(pct: string): string {
  const n = Number(pct)
  if (!Number.isFinite(n)) return pct
  return `${n > 0 ? '+' : ''}${n.toFixed(1)}%`
}

/** The largest gaps first (by money gap, then percent), at most `n`. */
export function topGaps(items: readonly PriceGap[], n: number): PriceGap[] {
  return [...items].sort((a, b) => Number(b.gap) - Number(a.gap) || Number(b.gap_pct) - Number(a.gap_pct)).slice(0, n)
}

/** The line's gap from the two prices the form holds (ours minus theirs), or '' while one is missing. */
export function lineGap(our: string, their: string): string {
  const a = Number(our)
  const b = Number(their)
  if (!our.trim() || !their.trim() || !Number.isFinite(a) || !Number.isFinite(b)) return ''
  return (Math.round((a - b) * 100) / 100).toFixed(2)
}
