// KPIs of a store against its budgets (/stores/{id}/kpis), the drill-down of one KPI and
// the chain's store ranking (/kpis/stores), with their CSV/XLSX downloads.
import { api, call, downloadUrl } from './http'
import { exportLang, type ExportFormat } from './budgets'
import { enumValues, type QueryOf, type Schema } from './types'

export type KpiKey = Schema<'KpiName'>
export const KPI_KEYS = enumValues<KpiKey>()(
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
)

/** KPIs with a drill-down (`/kpis/{kpi}/breakdown`). */
export type BreakdownKpi = Schema<'KpiBreakdown'>['kpi']
export const BREAKDOWN_KPIS = enumValues<BreakdownKpi>()('sales', 'gross_margin', 'opex', 'labour_cost', 'materials', 'repairs', 'shrink')

/** How a KPI stands against its budget; a KPI without a budget has none (null). */
export type KpiStatus = NonNullable<Schema<'KpiStatus'>>

/** One KPI: decimals as strings; percents ("28.50") for the *_pct KPIs and variance_pct. */
export type Kpi = Schema<'Kpi'>
export type KpiSet = Omit<KpiRow, 'department_code'>
export type KpiRow = Schema<'KpiRow'>
export type KpiSeriesPoint = Schema<'KpiSeriesPoint'>
export type KpiReport = Schema<'KpiReport'>
export type BreakdownPart = Schema<'KpiBreakdownPart'>
export type TopSku = Schema<'KpiTopSku'>
export type KpiBreakdown = Schema<'KpiBreakdown'>
export type RankingItem = Schema<'StoreRankingItem'>
export type Ranking = Schema<'StoreRanking'>

/** The period and department of the KPI table and drill-down (the JSON reads, not the downloads). */
export type KpiQuery = Omit<QueryOf<'/api/v1/stores/{store_id}/kpis'>, 'format' | 'lang'>
/** The ranking of one KPI in one month; the screen always names both. */
export type RankingQuery = Omit<QueryOf<'/api/v1/kpis/stores'>, 'format' | 'lang'> & { month: string; kpi: KpiKey }

export const kpisApi = {
  report: (storeId: number, query: KpiQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/kpis', { params: { path: { store_id: storeId }, query } })),
  breakdown: (storeId: number, kpi: BreakdownKpi, query: KpiQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/kpis/{kpi}/breakdown', { params: { path: { store_id: storeId, kpi }, query } })),
  ranking: (query: RankingQuery) => call(api.GET('/api/v1/kpis/stores', { params: { query } })),
}

/** The download address of the KPI table as CSV or XLSX, headers in `lang`. */
export function kpisExportUrl(storeId: number, query: KpiQuery, format: ExportFormat, lang: string): string {
  return downloadUrl('/api/v1/stores/{store_id}/kpis', {
    path: { store_id: storeId },
    query: { ...query, format, lang: exportLang(lang) },
  })
}

/** The download address of one KPI's drill-down (its parts and top SKUs). */
export function breakdownExportUrl(storeId: number, kpi: BreakdownKpi, query: KpiQuery, format: ExportFormat, lang: string): string {
  return downloadUrl('/api/v1/stores/{store_id}/kpis/{kpi}/breakdown', {
    path: { store_id: storeId, kpi },
    query: { ...query, format, lang: exportLang(lang) },
  })
}

/** The download address of the store ranking. */
export function rankingExportUrl(query: RankingQuery, format: ExportFormat, lang: string): string {
  return downloadUrl('/api/v1/kpis/stores', { query: { ...query, format, lang: exportLang(lang) } })
}
