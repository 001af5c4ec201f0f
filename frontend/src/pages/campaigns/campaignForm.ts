// The campaign builder's form: an empty draft, a draft read back for editing, the request the
// API takes, and the server's field errors sorted out by where they show (`items[3].promo_price`
// on the items table's fourth row, `tasks[0].title` on the first task, the rest by their field).
import type { Campaign, CampaignRequest, Mechanic, TargetKind, TaskKind } from '@/api/campaigns'
import type { FieldErrors } from '@/api/http'
import { cents, type ItemRow } from './pasteItems'

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

const MONEY = /^\d+(\.\d{1,2})?$/

/**
 * The builder's own checks before sending, in the same shape as the server's field errors
 * (values are message keys with their values: `[key, values]`), so both show in one place.
 */
export function checkCampaignForm(form: CampaignForm): { fields: Record<string, [string, Record<string, string>?]>; items: Record<number, Record<string, [string, Record<string, string>?]>>; tasks: Record<number, Record<string, [string]>> } {
  const found: ReturnType<typeof checkCampaignForm> = { fields: {}, items: {}, tasks: {} }
  if (!form.name.trim()) found.fields.name = ['campaigns.builder.nameRequired']
  if (!form.period) found.fields.period = ['campaigns.builder.periodRequired']
  if (form.target_kind === 'region' && !form.target_region.trim()) found.fields.target_region = ['campaigns.builder.regionRequired']
  if (form.target_kind === 'stores' && form.target_store_ids.length === 0) found.fields.target_store_ids = ['campaigns.builder.storesRequired']
  if (form.items.length === 0) found.fields.items = ['campaigns.builder.itemsRequired']
  form.items.forEach((item, i) => {
    const price = item.promo_price.trim()
    if (!MONEY.test(price) || cents(price) === 0) found.items[i] = { promo_price: ['campaigns.items.priceFormat'] }
    else if (cents(price) >= cents(item.regular_price)) found.items[i] = { promo_price: ['campaigns.items.priceBelowRegular', { regular: item.regular_price }] }
    else if (!item.below_cost && cents(price) < cents(item.cost_price)) found.items[i] = { promo_price: ['campaigns.items.belowCostWarn', { cost: item.cost_price }] }
  })
  form.tasks.forEach((task, i) => {
    if (!task.title.trim()) found.tasks[i] = { title: ['campaigns.tasks.titleRequired'] }
  })
  return found
}

/** Whether the checks found nothing. */
export function isClean(found: ReturnType<typeof checkCampaignForm>): boolean {
  return [found.fields, found.items, found.tasks].every((part) => Object.keys(part).length === 0)
}
