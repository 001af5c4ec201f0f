// What a recall says to people: which lots it named, what came back from each store (with the
// store's name) and in all, and the bar chart of the stores. Plain data, no ECharts import,
// so it is tested without the library.
import type { Recall } from '@/api/recalls'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** The lots a recall named: their ids, the receiving range, or the whole stock. */
export function recallScope(recall: Pick<Recall, 'lot_ids' | 'received_from' | 'received_to'>, t: Translate): string {
  if (recall.lot_ids.length > 0) return t('recalls.scopeLots', { lots: recall.lot_ids.join(', ') })
  if (recall.received_from && recall.received_to) return t('recalls.scopeRange', { from: recall.received_from, to: recall.received_to })
  return t('recalls.scopeWhole')
}

/** One store's line of a recall, with the store's name. */
export interface RecallStoreRow {
  store_id: number
  name: string
  lot_count: number
  qty: string
  value: string
}

/** The stores' lines with the names the server sent, most value first (then by name, then id). */
export function recallStoreRows(recall: Pick<Recall, 'stores'>): RecallStoreRow[] {
  return recall.stores
    .map((s) => ({ store_id: s.store_id, name: s.store_name, lot_count: s.lot_count, qty: s.qty, value: s.value }))
    .sort((a, b) => Number(b.value) - Number(a.value) || a.name.localeCompare(b.name) || a.store_id - b.store_id)
}

/** The exact sum of decimal strings, written with `places` decimals ("1.5" + "2.25" → "3.75"). */
export function sumDecimals(values: readonly string[], places: number): string {
  const scale = 10n ** BigInt(places)
  let total = 0n
  for (const value of values) {
    const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim())
    if (!match) throw new Error(`not a decimal: ${value}`)
    const [, sign, whole = '', fraction = ''] = match
    const units = BigInt(whole || '0') * scale + BigInt((fraction + '0'.repeat(places)).slice(0, places) || '0')
    total += sign ? -units : units
  }
  const negative = total < 0n
  const abs = negative ? -total : total
  const whole = (abs / scale).toString()
  const fraction = places > 0 ? `.${(abs % scale).toString().padStart(places, '0')}` : ''
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/** What came back from the lines shown: their lots, quantity (3 places) and value (2 places). */
export function recallTotals(rows: readonly RecallStoreRow[]): { lot_count: number; qty: string; value: string } {
  return {
    lot_count: rows.reduce((n, r) => n + r.lot_count, 0),
    qty: sumDecimals(rows.map((r) => r.qty), 3),
    value: sumDecimals(rows.map((r) => r.value), 2),
  }
}

export type ChartOption = Record<string, unknown>

/** A bar per store of the value that came back. */
export function recallChartOption(rows: readonly RecallStoreRow[], valueLabel: string): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value' },
    series: [{ name: valueLabel, type: 'bar', color: '#d9453b', barMaxWidth: 48, data: rows.map((r) => Number(r.value)) }],
  }
}
