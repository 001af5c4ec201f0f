// The inventory and movement filters of the page and their query parameters.
import type { InventoryQuery, MovementKind, MovementQuery } from '@/api/inventory'

export interface InventoryFilterValues {
  q: string
  department_code: string
  category: string
  /** Lots expiring within this many days count as expiring (and are shown amber). */
  expiring_within_days: number
  only_expiring: boolean
  in_stock: boolean
}

export const DEFAULT_EXPIRING_DAYS = 3

export function emptyInventoryFilters(): InventoryFilterValues {
  return { q: '', department_code: '', category: '', expiring_within_days: DEFAULT_EXPIRING_DAYS, only_expiring: false, in_stock: false }
}

export function inventoryQuery(values: InventoryFilterValues): InventoryQuery {
  return {
    q: values.q.trim(),
    department_code: values.department_code,
    category: values.category.trim(),
    expiring_within_days: values.expiring_within_days,
    only_expiring: values.only_expiring || undefined,
    in_stock: values.in_stock || undefined,
  }
}

export interface MovementFilterValues {
  sku: string
  kind: MovementKind | ''
  /** [from, to] business dates, inclusive. */
  dates: [string, string] | null
}

export function emptyMovementFilters(sku = ''): MovementFilterValues {
  return { sku, kind: '', dates: null }
}

export function movementQuery(values: MovementFilterValues): MovementQuery {
  return {
    sku: values.sku.trim(),
    kind: values.kind,
    from: values.dates?.[0],
    to: values.dates?.[1],
  }
}
