// Editing a checklist template: the form a template opens as (every item with all its
// fields, choices as lines of text), and the request it saves as (only the fields an item's
// kind uses: a range and unit for a number, choices and the failing ones for a choice). The
// server checks the rest and names `items[i].field`; errorsByItem sorts those by row.
import type { Checklist, ChecklistItemKind, InspectionArea } from '@/api/safety'
import type { Schema } from '@/api/types'

export type ChecklistRequest = Schema<'ChecklistRequest'>
type ItemRequest = Schema<'ChecklistItemRequest'>

/** One row of the editor. */
export interface ItemForm {
  title: string
  kind: ChecklistItemKind
  unit: string
  min: string
  max: string
  weight: number
  critical: boolean
  required: boolean
  guidance: string
  /** One choice per line. */
  choices: string
  failChoices: string[]
}

export interface ChecklistForm {
  title: string
  area: InspectionArea | ''
  department_code: string
  pass_score: number
  active: boolean
  items: ItemForm[]
}

export const UNITS = ['°C', '%', 'ppm', 'lux', 'cm', ''] as const

export const newItem = (kind: ChecklistItemKind = 'bool'): ItemForm => ({
  title: '', kind, unit: kind === 'number' ? '°C' : '', min: '', max: '', weight: 10, critical: false, required: true, guidance: '', choices: '', failChoices: [],
})

export function emptyChecklist(): ChecklistForm {
  return { title: '', area: '', department_code: '', pass_score: 80, active: true, items: [newItem()] }
}

/** The form a saved checklist opens as. */
export function checklistForm(c: Checklist): ChecklistForm {
  return {
    title: c.title,
    area: c.area,
    department_code: c.department_code,
    pass_score: c.pass_score,
    active: c.active,
    items: c.items.map((i) => ({
      title: i.title,
      kind: i.kind,
      unit: i.unit ?? '',
      min: i.min ?? '',
      max: i.max ?? '',
      weight: i.weight,
      critical: i.critical,
      required: i.required,
      guidance: i.guidance ?? '',
      choices: (i.choices ?? []).join('\n'),
      failChoices: [...(i.fail_choices ?? [])],
    })),
  }
}

/** The choices of a row, one per non-empty line, trimmed, without repeats. */
export function choiceList(text: string): string[] {
  return [...new Set(text.split('\n').map((s) => s.trim()).filter(Boolean))]
}

function itemRequest(i: ItemForm): ItemRequest {
  const out: ItemRequest = { title: i.title.trim(), kind: i.kind, weight: i.weight, critical: i.critical, required: i.required }
  if (i.guidance.trim()) out.guidance = i.guidance.trim()
  if (i.kind === 'number') {
    out.unit = i.unit
    if (i.min.trim()) out.min = i.min.trim()
    if (i.max.trim()) out.max = i.max.trim()
  }
  if (i.kind === 'choice') {
    const choices = choiceList(i.choices)
    out.choices = choices
    out.fail_choices = i.failChoices.filter((c) => choices.includes(c))
  }
  return out
}

/**
 * The request a form saves as: a new chain template (storeId null), a store's own (storeId),
 * or the next version of an existing one (version set; then active is sent and store_id not).
 */
export function checklistRequest(form: ChecklistForm, opts: { storeId?: number | null; version?: number }): ChecklistRequest {
  const out: ChecklistRequest = {
    title: form.title.trim(),
    area: form.area as InspectionArea,
    department_code: form.department_code,
    pass_score: form.pass_score,
    items: form.items.map(itemRequest),
  }
  if (opts.version !== undefined) {
    out.version = opts.version
    out.active = form.active
  } else if (opts.storeId != null) {
    out.store_id = opts.storeId
  }
  return out
}

/** The server's `items[i].field` messages by row, each row's joined into one line. */
export function errorsByItem(fields: Record<string, string>): Record<number, string> {
  const out: Record<number, string> = {}
  for (const [key, message] of Object.entries(fields)) {
    const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(key)
    if (!m) continue
    const row = Number(m[1])
    const text = m[2] ? `${m[2]}: ${message}` : message
    out[row] = out[row] ? `${out[row]}; ${text}` : text
  }
  return out
}

/** Moves row index by delta (−1 up, +1 down) when it stays inside the list. */
export function moveItem(items: ItemForm[], index: number, delta: number): void {
  const to = index + delta
  if (to < 0 || to >= items.length) return
  const [row] = items.splice(index, 1)
  items.splice(to, 0, row!)
}
