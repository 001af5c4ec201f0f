import { describe, expect, it } from 'vitest'
import { emptyProductForm, isDecimal, productFormFrom, toProductCreate, toProductUpdate } from './productForm'
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
    })
  })

  it('updates only what changed, with the version', () => {
    const form = { ...productFormFrom(apples), retail_price: '8.80', barcode: '6901234567892' }
    expect(toProductUpdate(form, apples)).toEqual({ version: 3, retail_price: '8.80', barcode: '6901234567892' })
    expect(toProductUpdate(productFormFrom(apples), apples)).toEqual({ version: 3 })
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
