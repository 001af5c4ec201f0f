// The product form's model, its client-side rules and its conversion to API bodies.
// Decimals stay strings end to end (never floats); the server checks everything again.
import type { FormItemRule, FormRules } from 'element-plus'
import type { Product, ProductCreate, ProductUpdate, Unit } from '@/api/catalog'
import type { Supplier } from '@/api/suppliers'
import { changedFields } from '@/api/patch'

export interface ProductForm {
  sku: string
  name: string
  department_code: string
  category: string
  unit: Unit
  case_pack: string
  shelf_life_days: number
  cost_price: string
  retail_price: string
  perishable: boolean
  barcode: string
  location: string
  active: boolean
  /** The supplier's code; null (or what a cleared select leaves) for none. */
  supplier_code: string | null
  /** The least quantity one order carries, in the product's unit; 0 for no minimum. */
  min_order_qty: string
}

type Translate = (key: string, params?: Record<string, unknown>) => string

export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/
export const BARCODE_PATTERN = /^[0-9]{8,14}$/

/** A non-negative decimal with at most `places` digits after the point. */
export function isDecimal(value: string, places: number): boolean {
  return new RegExp(`^\\d+(\\.\\d{1,${places}})?$`).test(value.trim())
}

export function emptyProductForm(): ProductForm {
  return {
    sku: '',
    name: '',
    department_code: '',
    category: '',
    unit: 'each',
    case_pack: '1',
    shelf_life_days: 0,
    cost_price: '',
    retail_price: '',
    perishable: false,
    barcode: '',
    location: '',
    active: true,
    supplier_code: null,
    min_order_qty: '0',
  }
}

export function productFormFrom(p: Product): ProductForm {
  return {
    sku: p.sku,
    name: p.name,
    department_code: p.department_code,
    category: p.category,
    unit: p.unit,
    case_pack: p.case_pack,
    shelf_life_days: p.shelf_life_days,
    cost_price: p.cost_price,
    retail_price: p.retail_price,
    perishable: p.perishable,
    barcode: p.barcode ?? '',
    location: p.location,
    active: p.active,
    supplier_code: p.supplier_code,
    min_order_qty: p.min_order_qty,
  }
}

function fields(form: ProductForm): Omit<ProductCreate, 'sku'> {
  const barcode = form.barcode.trim()
  return {
    name: form.name.trim(),
    department_code: form.department_code,
    category: form.category.trim(),
    unit: form.unit,
    case_pack: form.case_pack.trim(),
    shelf_life_days: form.shelf_life_days,
    cost_price: form.cost_price.trim(),
    retail_price: form.retail_price.trim(),
    perishable: form.perishable,
    barcode: barcode === '' ? null : barcode,
    location: form.location.trim(),
    active: form.active,
    supplier_code: form.supplier_code || null,
    min_order_qty: form.min_order_qty.trim(),
  }
}

export function toProductCreate(form: ProductForm): ProductCreate {
  return { sku: form.sku.trim(), ...fields(form) }
}

/** Only the fields that differ from the product as loaded, plus its version. */
export function toProductUpdate(form: ProductForm, original: Product): ProductUpdate {
  return { ...changedFields(fields(form), fields(productFormFrom(original))), version: original.version }
}

/**
 * The suppliers a product may be given: the active ones by code, and the product's own
 * supplier when it is no longer active (so the select still names it).
 */
export function supplierOptions(active: readonly Pick<Supplier, 'code' | 'name'>[], current: string | null): { value: string; label: string }[] {
  const options = active.map((s) => ({ value: s.code, label: `${s.code} · ${s.name}` }))
  if (current && !active.some((s) => s.code === current)) options.push({ value: current, label: current })
  return options
}

export function productFormRules(form: ProductForm, editing: boolean, t: Translate): FormRules {
  const required = (): FormItemRule => ({ required: true, message: t('profile.required'), trigger: 'blur' })
  const decimal = (places: number, positive: boolean): FormItemRule => ({
    trigger: 'blur',
    validator: (_rule, value: string, callback) => {
      if (!isDecimal(value ?? '', places)) return callback(new Error(t('products.decimalRule', { places })))
      if (positive && Number(value) <= 0) return callback(new Error(t('products.positiveRule')))
      callback()
    },
  })
  return {
    sku: editing
      ? []
      : [required(), { pattern: SKU_PATTERN, message: t('products.skuRule'), trigger: 'blur' }],
    name: [required()],
    department_code: [{ required: true, message: t('profile.required'), trigger: 'change' }],
    category: [required()],
    case_pack: [required(), decimal(3, true)],
    min_order_qty: [required(), decimal(3, false)],
    cost_price: [required(), decimal(2, false)],
    retail_price: [required(), decimal(2, true)],
    shelf_life_days: [
      {
        trigger: 'change',
        validator: (_rule, value: number, callback) =>
          form.perishable && !(value >= 1) ? callback(new Error(t('products.shelfLifeRule'))) : callback(),
      },
    ],
    barcode: [{ pattern: BARCODE_PATTERN, message: t('products.barcodeRule'), trigger: 'blur' }],
  }
}
