// Monthly department budgets of a store (/stores/{id}/budgets): read a month, save one
// department or the whole month at once (all or nothing), copy last month, export.
import { api, call, downloadUrl } from './http'
import type { components } from './schema'
import { enumValues, type Schema } from './types'

export type Budget = Schema<'Budget'>
export type BudgetMonth = Schema<'BudgetMonth'>
export type BudgetUpdate = Schema<'BudgetSaveRequest'>
export type BudgetMonthItem = Schema<'BudgetMonthItem'>

/** The seven amounts of a department budget, in the order the screens show them. */
export const BUDGET_FIELDS = [
  'sales_target',
  'gross_margin_pct_target',
  'labour_budget',
  'materials_budget',
  'repairs_budget',
  'shrink_budget',
  'sales_per_head_target',
] as const satisfies readonly (keyof Budget & keyof BudgetUpdate)[]
export type BudgetField = (typeof BUDGET_FIELDS)[number]

/** Money with 2 decimals ("120000.00"); `gross_margin_pct_target` a percent ("28.50"). Null = not set. */
export type BudgetAmounts = Pick<Budget, BudgetField>

export type ExportFormat = components['parameters']['ExportFormat']
export type ExportLang = components['parameters']['ExportLang']
export const EXPORT_LANGS = enumValues<ExportLang>()('zh-CN', 'en')

/** The language of an export's headers: the app's language when the server has it, else Chinese. */
export function exportLang(locale: string): ExportLang {
  return EXPORT_LANGS.find((lang) => lang === locale) ?? 'zh-CN'
}

const ofMonth = (storeId: number, month: string) => ({ params: { path: { store_id: storeId, month } } })

export const budgetsApi = {
  month: (storeId: number, month: string) =>
    call(api.GET('/api/v1/stores/{store_id}/budgets', { params: { path: { store_id: storeId }, query: { month } } })),
  update: (storeId: number, month: string, departmentCode: string, body: BudgetUpdate) =>
    call(
      api.PUT('/api/v1/stores/{store_id}/budgets/{month}/{department_code}', {
        params: { path: { store_id: storeId, month, department_code: departmentCode } },
        body,
      }),
    ),
  /** Saves several departments of one month in one transaction: all of them or none. */
  saveMonth: (storeId: number, month: string, items: BudgetMonthItem[]) =>
    call(api.PUT('/api/v1/stores/{store_id}/budgets/{month}', { ...ofMonth(storeId, month), body: { items } })),
  /** Copies last month's budgets into this month (422 `nothing_to_copy` when there are none). */
  copyPrevious: (storeId: number, month: string) => call(api.POST('/api/v1/stores/{store_id}/budgets/{month}/copy-from-previous', ofMonth(storeId, month))),
}

/** The download address of a month's budgets as CSV or XLSX, headers in `lang`. */
export function budgetsExportUrl(storeId: number, month: string, format: ExportFormat, lang: string): string {
  return downloadUrl('/api/v1/stores/{store_id}/budgets', { path: { store_id: storeId }, query: { month, format, lang: exportLang(lang) } })
}
