// Monthly department budgets of a store (/stores/{id}/budgets): read a month, save one
// department or the whole month at once (all or nothing), copy last month, export.
import { buildUrl, http } from './http'

/** The seven amounts of a department budget, in the order the screens show them. */
export const BUDGET_FIELDS = [
  'sales_target',
  'gross_margin_pct_target',
  'labour_budget',
  'materials_budget',
  'repairs_budget',
  'shrink_budget',
  'sales_per_head_target',
] as const
export type BudgetField = (typeof BUDGET_FIELDS)[number]

/** Money with 2 decimals ("120000.00"); `gross_margin_pct_target` a percent ("28.50"). Null = not set. */
export type BudgetAmounts = Record<BudgetField, string | null>

export interface Budget extends BudgetAmounts {
  department_code: string
  /** YYYY-MM */
  month: string
  /** 0 while the budget was never saved. */
  version: number
  updated_at: string | null
  updated_by: string | null
}

export interface BudgetMonth {
  store_id: number
  month: string
  items: Budget[]
}

export type BudgetUpdate = BudgetAmounts & { version: number }
export type BudgetMonthItem = BudgetUpdate & { department_code: string }

export type ExportFormat = 'csv' | 'xlsx'

const base = (storeId: number) => `/stores/${storeId}/budgets`

export const budgetsApi = {
  month: (storeId: number, month: string) => http.get<BudgetMonth>(base(storeId), { month }),
  update: (storeId: number, month: string, departmentCode: string, body: BudgetUpdate) =>
    http.put<Budget>(`${base(storeId)}/${month}/${encodeURIComponent(departmentCode)}`, body),
  /** Saves several departments of one month in one transaction: all of them or none. */
  saveMonth: (storeId: number, month: string, items: BudgetMonthItem[]) =>
    http.put<BudgetMonth>(`${base(storeId)}/${month}`, { items }),
  /** Copies last month's budgets into this month (422 `nothing_to_copy` when there are none). */
  copyPrevious: (storeId: number, month: string) => http.post<BudgetMonth>(`${base(storeId)}/${month}/copy-from-previous`),
}

/** The download address of a month's budgets as CSV or XLSX, headers in `lang`. */
export function budgetsExportUrl(storeId: number, month: string, format: ExportFormat, lang: string): string {
  return buildUrl(base(storeId), { month, format, lang })
}
