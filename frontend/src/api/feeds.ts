// Data feeds of a store: POS sales, goods receipts, labour and expenses, posted as a CSV
// file (or JSON lines), and the history of those imports.
import { api, call } from './http'
import { newIdempotencyKey, upload, type UploadProgress } from './upload'
import { compactQuery, enumValues, type FilterQuery, type PathWith, type QueryOf, type Schema } from './types'

export type FeedKind = Schema<'FeedKind'>
export const FEED_KINDS = enumValues<FeedKind>()('sales', 'receipts', 'labour', 'expenses')

export type FeedResult = Schema<'FeedResult'>
export type FeedImport = Schema<'FeedImport'>
export type FeedImportQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/imports'>>

/** The JSON line of each feed, whose fields are the CSV's columns. */
interface FeedLines {
  sales: Schema<'FeedSalesLine'>
  receipts: Schema<'FeedReceiptLine'>
  labour: Schema<'FeedLabourLine'>
  expenses: Schema<'FeedExpenseLine'>
}
type FeedColumns = { [K in FeedKind]: readonly (keyof FeedLines[K])[] }

/** The columns of each feed's CSV (the header line), in template order. */
export const FEED_COLUMNS: Record<FeedKind, readonly string[]> = {
  sales: ['business_date', 'sku', 'qty', 'net_sales', 'cost'],
  receipts: ['business_date', 'sku', 'qty', 'cost', 'expiry_date'],
  labour: ['business_date', 'department_code', 'headcount', 'hours', 'cost'],
  expenses: ['business_date', 'department_code', 'category', 'amount', 'note'],
} as const satisfies FeedColumns

/** Columns a line may leave empty. */
export const FEED_OPTIONAL_COLUMNS: Record<FeedKind, readonly string[]> = {
  sales: [],
  receipts: ['expiry_date'],
  labour: [],
  expenses: ['note'],
} as const satisfies FeedColumns

export const EXPENSE_CATEGORIES = enumValues<Schema<'FeedExpenseCategory'>>()('materials', 'repairs', 'other')

/** The largest upload the server takes. */
export const MAX_FEED_BYTES = 32 * 1024 * 1024
export const MAX_FEED_LINES = 100_000

/** Where each feed is posted. */
const FEED_PATHS = {
  sales: '/api/v1/stores/{store_id}/sales',
  receipts: '/api/v1/stores/{store_id}/receipts',
  labour: '/api/v1/stores/{store_id}/labour',
  expenses: '/api/v1/stores/{store_id}/expenses',
} as const satisfies Record<FeedKind, PathWith<'post'>>

export interface FeedUploadOptions {
  /** Sent as `Idempotency-Key`; a fresh one per upload when left out. */
  idempotencyKey?: string
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

export const feedsApi = {
  imports: (storeId: number, query: FeedImportQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/imports', { params: { path: { store_id: storeId }, query: compactQuery(query) } })),
}

/** Uploads a feed CSV as it is (text/csv) with progress and an Idempotency-Key. */
export function uploadFeed(kind: FeedKind, storeId: number, file: Blob, options: FeedUploadOptions = {}): Promise<FeedResult> {
  const params = {
    path: { store_id: storeId },
    header: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
  }
  return upload(FEED_PATHS[kind], params, file, {
    contentType: 'text/csv',
    onProgress: options.onProgress,
    signal: options.signal,
  })
}
