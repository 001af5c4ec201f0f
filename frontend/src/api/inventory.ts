// Stock of one store (/stores/{id}/inventory) and its ledger (/stores/{id}/movements).
import { http } from './http'
import type { Page, PageQuery } from './types'
import type { Unit } from './catalog'

export interface Lot {
  id: number
  received_date: string
  expiry_date: string | null
  qty_remaining: string
  /** Days from the store's today to the expiry date; negative once expired. */
  days_to_expiry: number | null
}

export interface InventoryItem {
  product_id: number
  sku: string
  name: string
  department_code: string
  category: string
  unit: Unit
  on_hand: string
  stock_value: string
  avg_daily_sales: string
  /** on_hand ÷ avg_daily_sales; null when nothing sold in the last 28 days. */
  days_of_cover: string | null
  /** Quantity in lots expiring within `expiring_within_days`. */
  expiring_qty: string
  next_expiry: string | null
  lots: Lot[]
}

export const INVENTORY_SORTS = ['sku', 'name', 'on_hand', 'days_of_cover', 'next_expiry'] as const
export type InventorySortField = (typeof INVENTORY_SORTS)[number]

export interface InventoryQuery extends PageQuery {
  department_code?: string
  category?: string
  q?: string
  expiring_within_days?: number
  only_expiring?: boolean
  in_stock?: boolean
  sort?: InventorySortField | `-${InventorySortField}`
}

export const MOVEMENT_KINDS = ['receipt', 'sale', 'write_off', 'markdown_sale', 'stocktake_adjustment', 'transfer'] as const
export type MovementKind = (typeof MOVEMENT_KINDS)[number]

export interface Movement {
  id: number
  sku: string
  name: string
  business_date: string
  kind: MovementKind
  /** Signed: receipts are positive, sales and write-offs negative. */
  qty: string
  /** What booked it, e.g. `sales` or `receipt_import`. */
  ref_type: string
  /** Which record of `ref_type`, e.g. a business date or `<import id>:<line>`. */
  ref_id: string
  /** Who booked it; null for the system (seeding, jobs). */
  actor_id: number | null
  created_at: string
}

export interface MovementQuery extends PageQuery {
  sku?: string
  kind?: MovementKind | ''
  /** Business dates, YYYY-MM-DD, inclusive. */
  from?: string
  to?: string
  ref_type?: string
  ref_id?: string
}

export const inventoryApi = {
  list: (storeId: number, query: InventoryQuery = {}) =>
    http.get<Page<InventoryItem>>(`/stores/${storeId}/inventory`, { ...query }),
  movements: (storeId: number, query: MovementQuery = {}) =>
    http.get<Page<Movement>>(`/stores/${storeId}/movements`, { ...query }),
}
