// Stock of one store (/stores/{id}/inventory) and its ledger (/stores/{id}/movements).
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type InventoryItem = Schema<'InventoryItem'>
export type Lot = Schema<'InventoryLot'>
export type InventoryQuery = QueryOf<'/api/v1/stores/{store_id}/inventory'>
/** A sort of the stock list, `-` in front for descending. */
export type InventorySort = NonNullable<InventoryQuery['sort']>
export type InventorySortField = Exclude<InventorySort, `-${string}`>

export type MovementKind = Schema<'InventoryMovementKind'>
export const MOVEMENT_KINDS = enumValues<MovementKind>()(
  'receipt',
  'sale',
  'write_off',
  'markdown_sale',
  'stocktake_adjustment',
  'transfer',
  'return_to_supplier',
  'recall',
)
export type Movement = Schema<'InventoryMovement'>
export type MovementQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/movements'>>

const ofStore = (storeId: number) => ({ store_id: storeId })

export const inventoryApi = {
  list: (storeId: number, query: InventoryQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/inventory', { params: { path: ofStore(storeId), query } })),
  movements: (storeId: number, query: MovementQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/movements', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
}
