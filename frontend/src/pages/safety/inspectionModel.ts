// The pure parts of filling a checklist on a phone: one draft answer per item, whether an item
// is answered, the progress (answered / total), the required items still open, the allowed
// range as text, a reading's preview against its range, the request the server takes, and the
// server's field errors (`answers[i].number`, `items[3]`) put back by the item they are about.
// The server decides pass, fail and the score; the preview only warns the inspector early.
import type { ChecklistItem, InspectionAnswerRequest, InspectionRequest } from '@/api/safety'
import type { FieldErrors } from '@/api/http'

/** What the inspector has entered for one item so far. */
export interface Draft {
  bool: boolean | null
  /** As typed: a decimal string, '' when not answered. */
  number: string
  text: string
  choice: string
  photos: number[]
}

export const emptyDraft = (): Draft => ({ bool: null, number: '', text: '', choice: '', photos: [] })

export function emptyDrafts(items: readonly ChecklistItem[]): Record<number, Draft> {
  return Object.fromEntries(items.map((item) => [item.id, emptyDraft()]))
}

/** A decimal the server takes: optional minus, digits, at most two decimals (a comma counts as the point). */
const DECIMAL = /^-?\d{1,6}(\.\d{1,2})?$/

/** The typed reading as the API's decimal string, or null when it is not one. */
export function normalizeNumber(value: string): string | null {
  const text = value.trim().replace(',', '.').replace('−', '-')
  return DECIMAL.test(text) ? text : null
}

export function isAnswered(item: ChecklistItem, draft: Draft | undefined): boolean {
  if (!draft) return false
  switch (item.kind) {
    case 'bool':
      return draft.bool !== null
    case 'number':
      return normalizeNumber(draft.number) !== null
    case 'text':
      return draft.text.trim() !== ''
    case 'choice':
      return draft.choice !== ''
    case 'photo':
      return draft.photos.length > 0
  }
}

export interface Progress {
  answered: number
  total: number
  /** Whole percent, for the progress bar. */
  percent: number
}

export function progress(items: readonly ChecklistItem[], drafts: Record<number, Draft>): Progress {
  const answered = items.filter((item) => isAnswered(item, drafts[item.id])).length
  const total = items.length
  return { answered, total, percent: total === 0 ? 0 : Math.round((answered / total) * 100) }
}

/** The required items not answered yet (a number typed wrong counts as not answered). */
export function missingRequired(items: readonly ChecklistItem[], drafts: Record<number, Draft>): ChecklistItem[] {
  return items.filter((item) => item.required && !isAnswered(item, drafts[item.id]))
}

/** A typed reading that is not a number: told by the field before sending. */
export function badNumber(item: ChecklistItem, draft: Draft | undefined): boolean {
  return item.kind === 'number' && !!draft && draft.number.trim() !== '' && normalizeNumber(draft.number) === null
}

const trimZeros = (value: string) => value.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1')

/** The allowed range of a number item as text: `0–4 °C`, `≤ -18 °C`, `≥ 70 °C`; '' without one. */
export function rangeText(item: Pick<ChecklistItem, 'min' | 'max' | 'unit'>): string {
  const unit = item.unit ? ` ${item.unit}` : ''
  const min = item.min === null ? null : trimZeros(item.min)
  const max = item.max === null ? null : trimZeros(item.max)
  if (min !== null && max !== null) return `${min}–${max}${unit}`
  if (max !== null) return `≤ ${max}${unit}`
  if (min !== null) return `≥ ${min}${unit}`
  return ''
}

/**
 * Whether the answer, as entered, fails the item: a reading outside its range, "no", a
 * failing choice. Null when it is not answered or cannot fail (text, photo).
 */
export function previewFails(item: ChecklistItem, draft: Draft | undefined): boolean | null {
  if (!draft || !isAnswered(item, draft)) return null
  switch (item.kind) {
    case 'bool':
      return draft.bool === false
    case 'number': {
      const value = Number(normalizeNumber(draft.number))
      return (item.min !== null && value < Number(item.min)) || (item.max !== null && value > Number(item.max))
    }
    case 'choice':
      return item.fail_choices.includes(draft.choice)
    default:
      return null
  }
}

/** The answers the server takes, in item order, leaving out the items not answered. */
export function answersOf(items: readonly ChecklistItem[], drafts: Record<number, Draft>): InspectionAnswerRequest[] {
  const out: InspectionAnswerRequest[] = []
  for (const item of items) {
    const draft = drafts[item.id]
    if (!draft || !isAnswered(item, draft)) continue
    const answer: InspectionAnswerRequest = { item_id: item.id }
    if (item.kind === 'bool') answer.bool = draft.bool!
    else if (item.kind === 'number') answer.number = normalizeNumber(draft.number)!
    else if (item.kind === 'text') answer.text = draft.text.trim()
    else if (item.kind === 'choice') answer.choice = draft.choice
    else answer.photos = [...draft.photos]
    out.push(answer)
  }
  return out
}

export function inspectionRequest(
  template: { id: number; version: number; items: readonly ChecklistItem[] },
  departmentCode: string,
  drafts: Record<number, Draft>,
  note = '',
): InspectionRequest {
  const body: InspectionRequest = {
    template_id: template.id,
    template_version: template.version,
    department_code: departmentCode,
    answers: answersOf(template.items, drafts),
  }
  if (note.trim()) body.note = note.trim()
  return body
}

/**
 * The server's field errors by item id: `answers[i].<field>` names the i-th answer sent (so
 * the item it answered), `items[id]` an item directly. Other fields stay in `rest`.
 */
export function itemErrors(
  fields: FieldErrors,
  sent: readonly InspectionAnswerRequest[],
): { byItem: Record<number, string>; rest: Record<string, string> } {
  const byItem: Record<number, string> = {}
  const rest: Record<string, string> = {}
  for (const [field, message] of Object.entries(fields)) {
    const answer = /^answers\[(\d+)\]/.exec(field)
    const item = /^items\[(\d+)\]/.exec(field)
    const id = answer ? sent[Number(answer[1])]?.item_id : item ? Number(item[1]) : undefined
    if (id !== undefined) byItem[id] = byItem[id] ? `${byItem[id]}; ${message}` : message
    else rest[field] = message
  }
  return { byItem, rest }
}

/** A score for people: `87.5`, `100`, `0` (the API sends two decimals). */
export function scoreText(score: string): string {
  return trimZeros(score)
}

/** The item index a step of delta (−1 back, +1 on) from current reaches among total items, kept inside the list. */
export function stepTo(current: number, delta: number, total: number): number {
  return Math.min(Math.max(current + delta, 0), Math.max(total - 1, 0))
}
