// KPIs of a store against its budgets (/stores/{id}/kpis), the drill-down of one KPI and
// the chain's store ranking (/kpis/stores), with their CSV/XLSX downloads.
import { buildUrl, http } from './http'
import type { ExportFormat } from './budgets'

export const KPI_KEYS = [
  'sales',
  'cogs',
  'gross_margin',
  'gross_margin_pct',
  'labour_cost',
  'materials',
  'repairs',
  'shrink',
  'shrink_pct',
  'opex',
  'sales_per_head',
  'sales_per_labour_hour',
] as const
export type KpiKey = (typeof KPI_KEYS)[number]

/** KPIs with a drill-down (`/kpis/{kpi}/breakdown`). */
export const BREAKDOWN_KPIS = ['sales', 'gross_margin', 'opex', 'labour_cost', 'materials', 'repairs', 'shrink'] as const
export type BreakdownKpi = (typeof BREAKDOWN_KPIS)[number]

export type KpiStatus = 'on_track' | 'watch' | 'off_track'

/** One KPI: decimals as strings; percents ("28.50") for the *_pct KPIs and variance_pct. */
export interface Kpi {
  actual: string | null
  /** Pro-rated to the days asked; null without a budget. */
  budget: string | null
  variance: string | null
  variance_pct: string | null
  /** Null without a budget. */
  status: KpiStatus | null
  last_month: string | null
  last_year: string | null
}

export type KpiSet = Record<KpiKey, Kpi>
export type KpiRow = KpiSet & { department_code: string }

export interface KpiSeriesPoint {
  date: string
  sales: string | null
  gross_margin: string | null
  labour_cost: string | null
  opex: string | null
  /** The day's share of the month's sales target; null without a budget. */
  sales_budget: string | null
}

export interface KpiReport {
  store_id: number
  from: string
  to: string
  days: number
  departments: KpiRow[]
  total: KpiRow
  series: KpiSeriesPoint[]
}

export interface KpiQuery {
  /** YYYY-MM-DD; both left out = this month to date in the store's time zone. */
  from?: string
  to?: string
  department_code?: string
}

export interface BreakdownPart {
  key: string
  label: string
  actual: string
  share_pct: string | null
}

export interface TopSku {
  sku: string
  name: string
  department_code: string
  category: string
  qty: string
  net_sales: string
  gross_margin: string
}

export interface KpiBreakdown {
  kpi: BreakdownKpi
  from: string
  to: string
  parts: BreakdownPart[]
  top_skus: TopSku[]
}

export interface RankingItem {
  rank: number
  store_id: number
  store_code: string
  store_name: string
  region: string
  actual: string | null
  budget: string | null
  variance: string | null
  variance_pct: string | null
  status: KpiStatus | null
}

export interface Ranking {
  month: string
  kpi: KpiKey
  department_code: string | null
  items: RankingItem[]
}

export interface RankingQuery {
  month: string
  kpi: KpiKey
  department_code?: string
  order?: 'asc' | 'desc'
}

export const kpisApi = {
  report: (storeId: number, query: KpiQuery = {}) => http.get<KpiReport>(`/stores/${storeId}/kpis`, { ...query }),
  breakdown: (storeId: number, kpi: BreakdownKpi, query: KpiQuery = {}) =>
    http.get<KpiBreakdown>(`/stores/${storeId}/kpis/${kpi}/breakdown`, { ...query }),
  ranking: (query: RankingQuery) => http.get<Ranking>('/kpis/stores', { ...query }),
}

/** The download address of the KPI table as CSV or XLSX, headers in `lang`. */
export function kpisExportUrl(storeId: number, query: KpiQuery, format: ExportFormat, lang: string): string {
  return buildUrl(`/stores/${storeId}/kpis`, { ...query, format, lang })
}

/** The download address of one KPI's drill-down (its parts and top SKUs). */
export function breakdownExportUrl(storeId: number, kpi: BreakdownKpi, query: KpiQuery, format: ExportFormat, lang: string): string {
  return buildUrl(`/stores/${storeId}/kpis/${kpi}/breakdown`, { ...query, format, lang })
}

/** The download address of the store ranking. */
export function rankingExportUrl(query: RankingQuery, format: ExportFormat, lang: string): string {
  return buildUrl('/kpis/stores', { ...query, format, lang })
}
