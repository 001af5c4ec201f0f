import { describe, expect, it } from 'vitest'
import {
  cellProblem,
  checkRows,
  countErrors,
  isRowDirty,
  mapBulkErrors,
  normalizeAmount,
  rowsFrom,
  toBulkRequest,
  translateBudgetMessage,
  translateCellErrors,
} from './budgetForm'
import { i18n, setLocale } from '@/i18n'
import { demoBudget } from '@/testFixtures'

const budget = demoBudget

const month = [
  budget('produce', 3, { sales_target: '300000.00', gross_margin_pct_target: '28.50', labour_budget: '42000.00' }),
  budget('meat', 1, { sales_target: '200000.00' }),
  budget('seafood', 0),
  budget('deli', 2, { sales_target: '90000.00' }),
]

describe('rows and changes', () => {
  it('shows null amounts as empty inputs', () => {
    const [produce, , seafood] = rowsFrom(month)
    expect(produce!.values.sales_target).toBe('300000.00')
    expect(produce!.values.materials_budget).toBe('')
    expect(seafood!.version).toBe(0)
  })

  it('normalises inputs: empty is null, separators go', () => {
    expect(normalizeAmount('')).toBeNull()
    expect(normalizeAmount('  ')).toBeNull()
    expect(normalizeAmount('120,000.50')).toBe('120000.50')
    expect(normalizeAmount(' 1 000 ')).toBe('1000')
  })

  it('does not call a reformatted amount a change', () => {
    const original = rowsFrom(month)[0]!
    const same = { ...original, values: { ...original.values, sales_target: '300,000' } }
    expect(isRowDirty(same, original)).toBe(false)
    const changed = { ...original, values: { ...original.values, materials_budget: '5000' } }
    expect(isRowDirty(changed, original)).toBe(true)
  })
})

describe('toBulkRequest', () => {
  it('sends only the changed departments, with their version and every amount', () => {
    const originals = rowsFrom(month)
    const rows = rowsFrom(month)
    rows[1]!.values.labour_budget = '18,000'
    rows[2]!.values.sales_target = '150000'
    rows[3]!.values.sales_target = ''
    const request = toBulkRequest(rows, originals)
    expect(request.codes).toEqual(['meat', 'seafood', 'deli'])
    expect(request.items).toEqual([
      {
        department_code: 'meat',
        version: 1,
        sales_target: '200000.00',
        gross_margin_pct_target: null,
        labour_budget: '18000',
        materials_budget: null,
        repairs_budget: null,
        shrink_budget: null,
        sales_per_head_target: null,
      },
      expect.objectContaining({ department_code: 'seafood', version: 0, sales_target: '150000' }),
      expect.objectContaining({ department_code: 'deli', version: 2, sales_target: null }),
    ])
  })

  it('sends nothing when nothing changed', () => {
    expect(toBulkRequest(rowsFrom(month), rowsFrom(month))).toEqual({ items: [], codes: [] })
  })
})

describe('mapBulkErrors', () => {
  it('puts items[i].field on the cell of the i-th department sent', () => {
    const codes = ['meat', 'seafood', 'deli']
    const mapped = mapBulkErrors(
      {
        'items[2].labour_budget': 'must not be negative',
        'items[0].gross_margin_pct_target': 'must be between -100 and 100',
      },
      codes,
    )
    expect(mapped.cells).toEqual({
      deli: { labour_budget: 'must not be negative' },
      meat: { gross_margin_pct_target: 'must be between -100 and 100' },
    })
    expect(mapped.general).toEqual([])
    expect(countErrors(mapped.cells)).toBe(2)
  })

  it('keeps row-level and unknown errors visible', () => {
    const mapped = mapBulkErrors(
      {
        'items[1].department_code': 'the store does not run this department',
        'items[1]': 'duplicate department',
        'items[7].sales_target': 'out of range',
        month: 'must be YYYY-MM',
      },
      ['meat', 'seafood'],
    )
    expect(mapped.cells.seafood?.row).toBe('duplicate department')
    expect(mapped.general).toEqual(['items[7].sales_target: out of range', 'month: must be YYYY-MM'])
  })
})

describe('client-side checks', () => {
  it('wants non-negative money with at most 2 decimals', () => {
    expect(cellProblem('sales_target', '')).toBeNull()
    expect(cellProblem('sales_target', '120,000.5')).toBeNull()
    expect(cellProblem('labour_budget', '-1')).toBe('budgets.invalidMoney')
    expect(cellProblem('labour_budget', '1.234')).toBe('budgets.invalidMoney')
    expect(cellProblem('labour_budget', 'abc')).toBe('budgets.invalidMoney')
  })

  it('wants the margin target as a percent from 0 to 100', () => {
    expect(cellProblem('gross_margin_pct_target', '28.50')).toBeNull()
    expect(cellProblem('gross_margin_pct_target', '100')).toBeNull()
    expect(cellProblem('gross_margin_pct_target', '-5')).toBe('budgets.invalidPercent')
    expect(cellProblem('gross_margin_pct_target', '128')).toBe('budgets.invalidPercent')
  })

  it('collects the problems per department', () => {
    const rows = rowsFrom(month)
    rows[0]!.values.repairs_budget = 'x'
    expect(checkRows(rows, (key) => `T:${key}`)).toEqual({ produce: { repairs_budget: 'T:budgets.invalidMoney' } })
  })
})

describe('server messages in the user language', () => {
  it('translates the known budget messages and keeps others as they are', () => {
    setLocale('zh-CN')
    const t = i18n.global.t as (key: string, params?: Record<string, unknown>) => string
    expect(translateBudgetMessage('must be at most 10000000000.00', t)).toBe('不能超过 10000000000.00')
    expect(translateBudgetMessage('must be 0 or more', t)).toBe('不能为负数')
    expect(translateBudgetMessage('must be a percent from 0 to 100', t)).toContain('0 到 100')
    expect(translateBudgetMessage('must have at most 2 decimal places', t)).toBe('最多 2 位小数')
    expect(translateBudgetMessage('something new', t)).toBe('something new')
    expect(translateCellErrors({ meat: { labour_budget: 'must be 0 or more', row: 'department meat appears more than once' } }, t)).toEqual({
      meat: { labour_budget: '不能为负数', row: '同一部门出现了两次' },
    })
  })
})
