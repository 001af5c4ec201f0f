// The budget table's model: one editable row of text inputs per department, which rows
// changed, the bulk request that saves them, and the server's field errors
// (`items[2].labour_budget`) mapped back to the cell they belong to.
import { BUDGET_FIELDS, type Budget, type BudgetField, type BudgetMonthItem } from '@/api/budgets'
import type { FieldErrors } from '@/api/http'

export interface BudgetRow {
  department_code: string
  version: number
  /** What the inputs hold; '' is "not set". */
  values: Record<BudgetField, string>
}

/** Field → message for one department's cells; `row` for errors about the whole row. */
export type RowErrors = Partial<Record<BudgetField | 'row', string>>
export type CellErrors = Record<string, RowErrors>

export const PERCENT_FIELDS: ReadonlySet<BudgetField> = new Set(['gross_margin_pct_target'])

const MONEY = /^\d+(\.\d{1,2})?$/
const PERCENT = MONEY

export function rowFrom(budget: Budget): BudgetRow {
  const values = {} as Record<BudgetField, string>
  for (const field of BUDGET_FIELDS) values[field] = budget[field] ?? ''
  return { department_code: budget.department_code, version: budget.version, values }
}

export function rowsFrom(budgets: Budget[]): BudgetRow[] {
  return budgets.map(rowFrom)
}

/** An input as the API wants it: null when empty, thousands separators and spaces dropped. */
export function normalizeAmount(text: string): string | null {
  const cleaned = text.replace(/[\s,，]/g, '')
  return cleaned === '' ? null : cleaned
}

/** Whether two inputs mean the same amount ("120000" = "120,000.00"). */
function sameAmount(a: string, b: string): boolean {
  const x = normalizeAmount(a)
  const y = normalizeAmount(b)
  if (x === null || y === null) return x === y
  const nx = Number(x)
  const ny = Number(y)
  return Number.isFinite(nx) && Number.isFinite(ny) ? nx === ny : x === y
}

export function isRowDirty(row: BudgetRow, original: BudgetRow | undefined): boolean {
  if (!original) return true
  return BUDGET_FIELDS.some((field) => !sameAmount(row.values[field], original.values[field]))
}

/**
 * The client-side check of one cell: the message key of the problem, or null. Money is
 * never negative and has at most 2 decimals; the margin target is a percent from 0 to 100.
 */
export function cellProblem(field: BudgetField, text: string): string | null {
  const value = normalizeAmount(text)
  if (value === null) return null
  if (PERCENT_FIELDS.has(field)) {
    if (!PERCENT.test(value) || Number(value) > 100) return 'budgets.invalidPercent'
    return null
  }
  return MONEY.test(value) ? null : 'budgets.invalidMoney'
}

/** Client-side problems of the rows that will be sent, keyed like the server's answer. */
export function checkRows(rows: BudgetRow[], translate: (key: string) => string): CellErrors {
  const errors: CellErrors = {}
  for (const row of rows) {
    for (const field of BUDGET_FIELDS) {
      const problem = cellProblem(field, row.values[field])
      if (problem) (errors[row.department_code] ??= {})[field] = translate(problem)
    }
  }
  return errors
}

export interface BulkRequest {
  items: BudgetMonthItem[]
  /** The department of each item, by index: how `items[i]` errors find their row. */
  codes: string[]
}

/** The bulk save of the month: every changed row with its amounts and version. */
export function toBulkRequest(rows: BudgetRow[], originals: BudgetRow[]): BulkRequest {
  const byCode = new Map(originals.map((row) => [row.department_code, row]))
  const changed = rows.filter((row) => isRowDirty(row, byCode.get(row.department_code)))
  const items = changed.map((row): BudgetMonthItem => {
    const item = { department_code: row.department_code, version: row.version } as BudgetMonthItem
    for (const field of BUDGET_FIELDS) item[field] = normalizeAmount(row.values[field])
    return item
  })
  return { items, codes: changed.map((row) => row.department_code) }
}

export interface MappedErrors {
  cells: CellErrors
  /** Messages that belong to no cell (e.g. `month`, or an index we did not send). */
  general: string[]
}

const ITEM_KEY = /^items\[(\d+)\](?:\.(\w+))?$/

/** Puts `items[2].labour_budget`-style field errors on the cells of the rows that were sent. */
export function mapBulkErrors(fields: FieldErrors, codes: string[]): MappedErrors {
  const cells: CellErrors = {}
  const general: string[] = []
  for (const [key, message] of Object.entries(fields)) {
    const match = ITEM_KEY.exec(key)
    const code = match ? codes[Number(match[1])] : undefined
    if (!match || code === undefined) {
      general.push(`${key}: ${message}`)
      continue
    }
    const field = match[2]
    const target: BudgetField | 'row' =
      field && (BUDGET_FIELDS as readonly string[]).includes(field) ? (field as BudgetField) : 'row'
    const row = (cells[code] ??= {})
    row[target] = target === 'row' && field && field !== 'department_code' && field !== 'version' ? `${field}: ${message}` : message
  }
  return { cells, general }
}

/** How many cells (and whole rows) have an error. */
export function countErrors(errors: CellErrors): number {
  return Object.values(errors).reduce((sum, row) => sum + Object.keys(row).length, 0)
}

type Translate = (key: string, params?: Record<string, unknown>) => string

const BUDGET_MESSAGES: [RegExp, string][] = [
  [/^must be 0 or more$/, 'budgets.messages.notNegative'],
  [/^must be a percent from 0 to 100$/, 'budgets.invalidPercent'],
  [/^must be at most (?<max>-?[\d.]+)$/, 'budgets.messages.max'],
  [/^must be a decimal such as/, 'budgets.messages.number'],
  [/^must have at most (?<n>\d+) decimal places?$/, 'budgets.messages.decimals'],
  [/^is required/, 'budgets.messages.required'],
  [/^department \S+ is not run by this store$/, 'budgets.messages.notRun'],
  [/^department \S+ appears more than once$/, 'budgets.messages.twice'],
]

/** The server's message about a budget cell in the user's language, when it is a known one. */
export function translateBudgetMessage(message: string, t: Translate): string {
  for (const [pattern, key] of BUDGET_MESSAGES) {
    const match = pattern.exec(message)
    if (match) return t(key, { ...(match.groups ?? {}) })
  }
  return message
}

/** Every message of `errors` through `translateBudgetMessage`. */
export function translateCellErrors(errors: CellErrors, t: Translate): CellErrors {
  const out: CellErrors = {}
  for (const [code, row] of Object.entries(errors)) {
    out[code] = Object.fromEntries(Object.entries(row).map(([field, message]) => [field, translateBudgetMessage(message ?? '', t)]))
  }
  return out
}
