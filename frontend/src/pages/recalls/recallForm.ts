// The new-recall form: its values, the rules it checks before sending, the request made from
// it, and the server's refusals shown where they belong. A recall names its lots (ids, comma
// separated; none sends back a product that keeps no lots whole) or a receiving range, and
// optionally the stores (none is every store).
import type { FormItemRule, FormRules } from 'element-plus'
import { ApiError, type FieldErrors } from '@/api/http'
import type { RecallCreate } from '@/api/recalls'

/** How the lots are named: by their ids, or as every lot received in a date range. */
export type RecallMode = 'lots' | 'range'

/** The most lots one recall names, as the server takes. */
export const MAX_RECALL_LOTS = 200

export interface RecallForm {
  sku: string
  mode: RecallMode
  /** Lot ids as typed: "12, 13 14" (commas, Chinese commas or spaces between them). */
  lots: string
  /** [received_from, received_to], YYYY-MM-DD, both inclusive. */
  range: [string, string] | null
  /** Empty: every store. */
  store_ids: number[]
  reason: string
}

export function emptyRecallForm(): RecallForm {
  return { sku: '', mode: 'lots', lots: '', range: null, store_ids: [], reason: '' }
}

/**
 * The lot ids typed into the form, in order and each once, or null when a part is not a
 * whole number from 1 up. Empty text is no lots.
 */
export function parseLotIds(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter((p) => p !== '')
  const ids: number[] = []
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return null
    const id = Number(part)
    if (id < 1 || !Number.isSafeInteger(id)) return null
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}

/** The request for the form: only the way of naming lots that is chosen, stores only when some are. */
export function toRecallCreate(form: RecallForm): RecallCreate {
  const body: RecallCreate = { sku: form.sku.trim(), reason: form.reason.trim() }
  if (form.mode === 'lots') {
    const ids = parseLotIds(form.lots) ?? []
    if (ids.length > 0) body.lot_ids = ids
  } else if (form.range) {
    body.received_from = form.range[0]
    body.received_to = form.range[1]
  }
  if (form.store_ids.length > 0) body.store_ids = [...new Set(form.store_ids)]
  return body
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/**
 * The form's rules. They read the form through `form` when they run, so they stay the same
 * object when the way of naming lots changes (new rules would re-check the whole form at once);
 * the lots are checked in lots mode and the range in range mode only.
 */
export function recallFormRules(form: () => RecallForm, t: Translate): FormRules {
  const lots: FormItemRule = {
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      const ids = form().mode === 'lots' ? parseLotIds(value ?? '') : []
      if (ids === null) callback(new Error(t('recalls.lotsRule')))
      else if (ids.length > MAX_RECALL_LOTS) callback(new Error(t('recalls.lotsMax', { n: MAX_RECALL_LOTS })))
      else callback()
    },
  }
  const range: FormItemRule = {
    trigger: 'change',
    validator: (_rule, value: [string, string] | null, callback) =>
      form().mode === 'range' && !value ? callback(new Error(t('recalls.rangeRequired'))) : callback(),
  }
  return {
    sku: [{ required: true, message: t('recalls.skuRequired'), trigger: 'change' }],
    lots: [lots],
    range: [range],
    reason: [{ required: true, whitespace: true, message: t('recalls.reasonRequired'), trigger: 'blur' }, { max: 500, trigger: 'blur' }],
  }
}

/** The form's fields that the server's field names belong to. */
const FORM_FIELD: Record<string, keyof RecallForm> = {
  sku: 'sku',
  lot_ids: 'lots',
  received_from: 'range',
  received_to: 'range',
  store_ids: 'store_ids',
  reason: 'reason',
}

/**
 * The server's field errors by the form's fields: `lot_ids[0]` and `lot_ids` both go to the
 * lots, `received_from`/`received_to` to the range; several on one field are joined.
 */
export function recallFieldErrors(fields: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [name, message] of Object.entries(fields)) {
    const base = name.replace(/\[\d+\]$/, '')
    const field = FORM_FIELD[base] ?? base
    out[field] = out[field] ? `${out[field]}; ${message}` : message
  }
  return out
}

/**
 * A failed create as the dialog shows it: field errors moved to the form's fields, and
 * `nothing_to_recall` (no store holds stock of those lots) in the reader's words.
 */
export function recallError(err: unknown, t: Translate): unknown {
  if (!(err instanceof ApiError)) return err
  const message = err.code === 'nothing_to_recall' ? t('recalls.nothingToRecall') : err.message
  return new ApiError(err.status, err.code, message, recallFieldErrors(err.fields), err.retryAfter)
}
