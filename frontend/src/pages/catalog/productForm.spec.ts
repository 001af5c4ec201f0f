import { describe, expect, it } from 'vitest'
import { emptyProductForm, isDecimal, productFormFrom, productFormRules, supplierOptions, toProductCreate, toProductUpdate } from './productForm'
import { productFilter } from './productQuery'
import type { Product } from '@/api/catalog'

const apples: Product = {
  id: 1,
  sku: 'P10001',
  name: '富士苹果',
  department_code: 'produce',
  category: '水果',
  unit: 'kg',
  case_pack: '10.000',
  min_order_qty: '10.000',
  supplier_code: 'farm-base',
  shelf_life_days: 14,
  cost_price: '6.20',
  retail_price: '9.90',
  perishable: true,
  barcode: null,
  location: 'A-01',
  active: true,
  version: 3,
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
}

describe('product form', () => {
  it('creates with trimmed text, decimals as strings and no empty barcode', () => {
    const form = { ...emptyProductForm(), sku: ' T1 ', name: ' 香蕉 ', department_code: 'produce', category: '水果', cost_price: '3.20 ', retail_price: '5.99' }
    expect(toProductCreate(form)).toEqual({
      sku: 'T1',
      name: '香蕉',
      department_code: 'produce',
      category: '水果',
      unit: 'each',
      case_pack: '1',
      shelf_life_days: 0,
      cost_price: '3.20',
      retail_price: '5.99',
      perishable: false,
      barcode: null,
      location: '',
      active: true,
      supplier_code: null,
      min_order_qty: '0',
    })
    const supplied = { ...form, supplier_code: 'farm-base', min_order_qty: ' 12.5 ' }
    expect(toProductCreate(supplied)).toMatchObject({ supplier_code: 'farm-base', min_order_qty: '12.5' })
  })

  it('updates only what changed, with the version', () => {
    const form = { ...productFormFrom(apples), retail_price: '8.80', barcode: '6901234567892' }
    expect(toProductUpdate(form, apples)).toEqual({ version: 3, retail_price: '8.80', barcode: '6901234567892' })
    expect(toProductUpdate(productFormFrom(apples), apples)).toEqual({ version: 3 })
  })

  it('sends a new supplier and minimum, and null when the supplier select is cleared', () => {
    const changed = { ...productFormFrom(apples), supplier_code: 'dry-goods', min_order_qty: '20.000' }
    expect(toProductUpdate(changed, apples)).toEqual({ version: 3, supplier_code: 'dry-goods', min_order_qty: '20.000' })
    // A cleared select may leave null, undefined or '': each means no supplier.
    for (const cleared of [null, undefined, '']) {
      const form = { ...productFormFrom(apples), supplier_code: cleared as string | null }
      expect(toProductUpdate(form, apples)).toEqual({ version: 3, supplier_code: null })
    }
    const loose = { ...apples, supplier_code: null }
    expect(toProductUpdate(productFormFrom(loose), loose)).toEqual({ version: 3 })
  })

  it('checks the minimum order as a quantity of 0 or more with 3 places', () => {
    const rules = productFormRules(emptyProductForm(), false, (key) => key).min_order_qty as { validator?: (...a: unknown[]) => void }[]
    const check = (value: string) => {
      let message = ''
      rules.find((r) => r.validator)!.validator!({}, value, (err?: Error) => (message = err?.message ?? ''))
      return message
    }
    expect(check('0')).toBe('')
    expect(check('2.500')).toBe('')
    expect(check('2.5005')).toBe('products.decimalRule')
    expect(check('-1')).toBe('products.decimalRule')
  })

  it('offers the active suppliers, and keeps an inactive one the product already has', () => {
    const active = [
      { code: 'farm-base', name: '果蔬基地' },
      { code: 'dry-goods', name: '干货批发' },
    ]
    expect(supplierOptions(active, 'farm-base')).toEqual([
      { value: 'farm-base', label: 'farm-base · 果蔬基地' },
      { value: 'dry-goods', label: 'dry-goods · 干货批发' },
    ])
    expect(supplierOptions(active, 'old-farm').map((o) => o.value)).toEqual(['farm-base', 'dry-goods', 'old-farm'])
    expect(supplierOptions(active, null)).toHaveLength(2)
  })

  it('checks decimals without floats', () => {
    expect(isDecimal('3.20', 2)).toBe(true)
    expect(isDecimal('3', 2)).toBe(true)
    expect(isDecimal('3.205', 2)).toBe(false)
    expect(isDecimal('-1', 2)).toBe(false)
    expect(isDecimal('1e3', 3)).toBe(false)
    expect(isDecimal('0.125', 3)).toBe(true)
  })

  it('turns filters into query values', () => {
    expect(productFilter({ q: ' 苹果 ', department_code: '', category: ' 水果', perishable: true, active: null })).toEqual({
      q: '苹果',
      department_code: '',
      category: '水果',
      perishable: true,
      active: null,
    })
  })
})
