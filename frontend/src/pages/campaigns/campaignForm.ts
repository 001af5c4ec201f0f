// The campaign builder's form: an empty draft, a draft read back for editing, the request the
// API takes, and the server's field errors sorted out by where they show (`items[3].promo_price`
// on the items table's fourth row, `tasks[0].title` on the first task, the rest by their field).
import type { Campaign, CampaignRequest, Mechanic, TargetKind, TaskKind } from '@/api/campaigns'
import type { FieldErrors } from '@/api/http'
import type { ItemRow } from './pasteItems'

export interface TaskRow {
  kind: TaskKind
  title: string
  instructions: string
  due_hours: number
  photo_required: boolean
}

export interface CampaignForm {
  name: string
  mechanic: Mechanic
  period: [string, string] | null
  priority: number
  note: string
  target_kind: TargetKind
  target_region: string
  target_store_ids: number[]
  items: ItemRow[]
  tasks: TaskRow[]
}

export function emptyCampaignForm(): CampaignForm {
  return { name: '', mechanic: 'price_cut', period: null, priority: 0, note: '', target_kind: 'stores', target_region: '', target_store_ids: [], items: [], tasks: [] }
}

export function emptyTask(): TaskRow {
  return { kind: 'display', title: '', instructions: '', due_hours: 8, photo_required: true }
}

/** A draft as the builder edits it. */
export function campaignToForm(c: Campaign): CampaignForm {
  return {
    name: c.name,
    mechanic: c.mechanic,
    period: [c.starts_on, c.ends_on],
    priority: c.priority,
    note: c.note,
    target_kind: c.target_kind,
    target_region: c.target_region,
    target_store_ids: [...c.target_store_ids],
    items: (c.items ?? []).map((i) => ({ sku: i.sku, name: i.name, regular_price: i.regular_price, cost_price: i.cost_price, promo_price: i.promo_price, below_cost: i.below_cost })),
    tasks: (c.tasks ?? []).map((t) => ({ kind: t.kind, title: t.title, instructions: t.instructions, due_hours: t.due_hours, photo_required: t.photo_required })),
  }
}

/** The request for POST (no version) or PATCH (the version read). */
export function formToRequest(form: CampaignForm, version?: number): CampaignRequest {
  const [starts_on, ends_on] = form.period ?? ['', '']
  const body: CampaignRequest = {
    name: form.name.trim(),
    mechanic: form.mechanic,
    starts_on,
    ends_on,
    target_kind: form.target_kind,
    priority: form.priority,
    note: form.note.trim(),
    items: form.items.map((i) => ({ sku: i.sku, promo_price: i.promo_price.trim(), below_cost: i.below_cost })),
    tasks: form.tasks.map((t) => ({ kind: t.kind, title: t.title.trim(), instructions: t.instructions.trim(), due_hours: t.due_hours, photo_required: t.photo_required })),
  }
  if (form.target_kind === 'region') body.target_region = form.target_region.trim()
  if (form.target_kind === 'stores') body.target_store_ids = [...form.target_store_ids]
  if (version !== undefined) body.version = version
  return body
}

/** Field errors by where they show: `rows.items[3]` = { promo_price: … }. */
export interface SortedErrors {
  fields: Record<string, string>
  items: Record<number, Record<string, string>>
  tasks: Record<number, Record<string, string>>
}

const ROW_FIELD = /^(items|tasks)\[(\d+)\](?:\.(\w+))?$/

export function sortFieldErrors(fields: FieldErrors): SortedErrors {
  const sorted: SortedErrors = { fields: {}, items: {}, tasks: {} }
  for (const [name, message] of Object.entries(fields)) {
    const row = ROW_FIELD.exec(name)
    if (!row) {
      // The period is one field on the form.
      const key = name === 'starts_on' || name === 'ends_on' ? 'period' : name.replace(/\[\d+\]$/, '')
      sorted.fields[key] = sorted.fields[key] ? `${sorted.fields[key]}; ${message}` : message
      continue
    }
    const [, list, index, field = 'row'] = row
    const rows = sorted[list as 'items' | 'tasks']
    rows[Number(index)] = { ...rows[Number(index)], [field]: message }
  }
  return sorted
}
