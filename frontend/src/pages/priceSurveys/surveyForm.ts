// The pure parts of the price survey screens: the create request, the server's per-line field
// errors (`lines[2].their_price`) sorted onto their lines, and the price gaps as shown (HQ's
// chain-wide ones filtered by competitor and store).
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

/** The chain gaps' client-side filters: one competitor and one store ('' or null: all). */
export interface GapFilter {
  competitor: string
  storeId: number | null
}

/** The gaps of the chosen competitor and store, in their order. */
export function filterGaps(items: readonly PriceGap[], filter: GapFilter): PriceGap[] {
  return items.filter((g) => (!filter.competitor || g.competitor === filter.competitor) && (filter.storeId === null || g.store_id === filter.storeId))
}

/** The competitors the gaps name, each once, in code-point order. */
export function gapCompetitors(items: readonly PriceGap[]): string[] {
  return [...new Set(items.map((g) => g.competitor))].sort()
}

/** The stores the gaps come from, each once with its name (`#id` when unknown), by name. */
export function gapStores(items: readonly PriceGap[], names: ReadonlyMap<number, string>): { value: number; label: string }[] {
  const ids = [...new Set(items.map((g) => g.store_id))]
  return ids.map((id) => ({ value: id, label: names.get(id) ?? `#${id}` })).sort((a, b) => a.label.localeCompare(b.label) || a.value - b.value)
}
