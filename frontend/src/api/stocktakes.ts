// Stocktakes (盘点): planning, counting per zone, variance, recounts and approval
// (/stores/{id}/stocktakes, /stocktakes/{id}/…). Quantities and money are exact decimal
// strings as everywhere in the API; accuracy is a ratio string such as "0.9876".
import { buildUrl, http } from './http'
import type { Page, PageQuery } from './types'

export const STOCKTAKE_STATUSES = ['planned', 'counting', 'submitted', 'approved'] as const
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number]
export type StocktakeScope = 'full' | 'cycle'

export interface Stocktake {
  id: number
  store_id: number
  /** Empty for a whole-store count. */
  department_code: string
  scope: StocktakeScope
  categories: string[]
  zones: string[]
  blind: boolean
  tolerance_pct: string
  tolerance_value: string
  note: string
  status: StocktakeStatus
  reject_reason: string
  item_count: number
  frozen_seq: number | null
  created_by: number | null
  started_at: string | null
  submitted_at: string | null
  approved_at: string | null
  approved_by: number | null
  /** Null before approval, and for counters of a blind count. */
  book_value: string | null
  variance_abs_value: string | null
  accuracy: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface SheetInfo {
  id: number
  zone: string
  counter_id: number
  kind: 'count' | 'recount'
  lines: number
  updated_at: string
}

export interface StocktakeSummary {
  items: number
  counted: number
  uncounted: number
  needs_recount: number
  /** At most 200 each. */
  uncounted_skus: string[]
  needs_recount_skus: string[]
  sheets: SheetInfo[]
}

export interface StocktakeDetail extends Stocktake {
  summary: StocktakeSummary
}

export interface StocktakeCreate {
  scope: StocktakeScope
  department_code: string
  categories?: string[]
  skus?: string[]
  blind: boolean
  zones: string[]
  tolerance_pct?: string
  tolerance_value?: string
  note?: string
}

export interface StocktakeQuery extends PageQuery {
  status?: StocktakeStatus | ''
  department_code?: string
}

export interface CountLine {
  sku: string
  qty: string
}

export interface CountSheet {
  zone: string
  lines: CountLine[]
  recount?: boolean
}

export interface SheetResult {
  sheet_id: number
  stocktake_id: number
  zone: string
  kind: 'count' | 'recount'
  lines: number
  /** The counter's earlier sheet of this zone was replaced. */
  replaced: boolean
  /** Same Idempotency-Key and body as before: the first answer, nothing stored twice. */
  replayed: boolean
}

export interface VarianceLine {
  sku: string
  name: string
  location: string
  book_qty: string
  counted_qty: string | null
  variance_qty: string | null
  variance_value: string | null
  over_tolerance: boolean
  needs_recount: boolean
  recounted: boolean
  zero_confirmed: boolean
}

export interface VarianceTotals {
  book_value: string
  variance_abs_value: string
  accuracy: string
}

export interface VariancePage extends Page<VarianceLine> {
  totals: VarianceTotals
}

export interface VarianceQuery extends PageQuery {
  over_tolerance?: boolean
  uncounted?: boolean
}

export interface AccuracyPoint {
  stocktake_id: number
  department_code: string
  approved_at: string
  accuracy: string
}

const one = (id: number) => `/stocktakes/${id}`

export const stocktakesApi = {
  list: (storeId: number, query: StocktakeQuery = {}) =>
    http.get<Page<Stocktake>>(`/stores/${storeId}/stocktakes`, { ...query }),
  create: (storeId: number, body: StocktakeCreate) => http.post<Stocktake>(`/stores/${storeId}/stocktakes`, body),
  accuracy: (storeId: number, departmentCode = '') =>
    http.get<{ items: AccuracyPoint[] }>(`/stores/${storeId}/stocktakes/accuracy`, { department_code: departmentCode }),
  get: (id: number) => http.get<StocktakeDetail>(one(id)),
  start: (id: number) => http.post<Stocktake>(`${one(id)}/start`, {}),
  submit: (id: number) => http.post<Stocktake>(`${one(id)}/submit`, {}),
  approve: (id: number) => http.post<Stocktake>(`${one(id)}/approve`, {}),
  reject: (id: number, reason: string) => http.post<Stocktake>(`${one(id)}/reject`, { reason }),
  /** One counter's sheet of one zone; resending with the same key replays, never doubles. */
  counts: (id: number, sheet: CountSheet, idempotencyKey: string) =>
    http.post<SheetResult>(`${one(id)}/counts`, sheet, { headers: { 'Idempotency-Key': idempotencyKey } }),
  variance: (id: number, query: VarianceQuery = {}) => http.get<VariancePage>(`${one(id)}/variance`, { ...query }),
  recounts: (id: number, skus: string[], counterUserId?: number | null) =>
    http.post<Stocktake>(`${one(id)}/recounts`, counterUserId ? { skus, counter_user_id: counterUserId } : { skus }),
  confirmZero: (id: number, skus: string[] | 'all') =>
    http.post<Stocktake>(`${one(id)}/confirm-zero`, skus === 'all' ? { all: true } : { skus }),
}

/** The printable count sheet of one zone (HTML, opened in a new tab). */
export function stocktakeSheetUrl(id: number, zone: string): string {
  return buildUrl(`${one(id)}/sheet`, { zone })
}
