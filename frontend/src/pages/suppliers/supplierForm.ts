// The supplier form: its values, the rules it checks before sending (the server's own: a code
// slug, a name, a lead time of 0-60 days, a cut-off of 00:00-23:59) and the requests made from it.
import type { FormItemRule, FormRules } from 'element-plus'
import type { Supplier, SupplierCreate, SupplierUpdate } from '@/api/suppliers'
import { changedFields } from '@/api/patch'

/** The longest lead time the server takes, in days. */
export const MAX_LEAD_TIME_DAYS = 60
/** 1-32 lowercase letters, digits, `_` or `-`, starting with a letter or digit. */
export const SUPPLIER_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/

export interface SupplierForm {
  code: string
  name: string
  lead_time_days: number
  /** HH:MM, the store's own time. */
  order_cutoff: string
  contact: string
  active: boolean
}

export function supplierFormFrom(s: Supplier | null): SupplierForm {
  return s
    ? { code: s.code, name: s.name, lead_time_days: s.lead_time_days, order_cutoff: s.order_cutoff, contact: s.contact, active: s.active }
    : { code: '', name: '', lead_time_days: 1, order_cutoff: '', contact: '', active: true }
}

/** Whether text is a cut-off the server takes: two-digit hours and minutes, 00:00 to 23:59. */
export function isCutoff(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text)
}

type Translate = (key: string, values?: Record<string, unknown>) => string

export function supplierFormRules(t: Translate): FormRules {
  const required = { required: true, message: t('profile.required'), trigger: 'blur' }
  const cutoff: FormItemRule = {
    trigger: 'blur',
    validator: (_rule, value: string, callback) => (isCutoff(value.trim()) ? callback() : callback(new Error(t('suppliers.cutoffRule')))),
  }
  return {
    code: [required, { pattern: SUPPLIER_CODE_PATTERN, message: t('suppliers.codeRule'), trigger: 'blur' }],
    name: [{ ...required, whitespace: true }, { max: 100, trigger: 'blur' }],
    lead_time_days: [{ ...required, trigger: 'change' }],
    order_cutoff: [required, cutoff],
  }
}

export function toSupplierCreate(form: SupplierForm): SupplierCreate {
  return {
    code: form.code.trim(),
    name: form.name.trim(),
    lead_time_days: form.lead_time_days,
    order_cutoff: form.order_cutoff.trim(),
    contact: form.contact.trim(),
    active: form.active,
  }
}

/** Sends only what changed, with the version read (an unchanged form sends just the version). */
export function toSupplierUpdate(form: SupplierForm, supplier: Supplier): SupplierUpdate {
  return { ...changedFields(toSupplierCreate(form), toSupplierCreate(supplierFormFrom(supplier))), version: supplier.version }
}
