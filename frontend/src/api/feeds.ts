// Data feeds of a store: POS sales, goods receipts, labour and expenses, posted as a CSV
// file (or JSON lines), and the history of those imports.
import { http } from './http'
import { newIdempotencyKey, upload, type UploadProgress } from './upload'
import type { Page, PageQuery } from './types'

export const FEED_KINDS = ['sales', 'receipts', 'labour', 'expenses'] as const
export type FeedKind = (typeof FEED_KINDS)[number]

/** The columns of each feed's CSV (the header line), in template order. */
export const FEED_COLUMNS: Record<FeedKind, readonly string[]> = {
  sales: ['business_date', 'sku', 'qty', 'net_sales', 'cost'],
  receipts: ['business_date', 'sku', 'qty', 'cost', 'expiry_date'],
  labour: ['business_date', 'department_code', 'headcount', 'hours', 'cost'],
  expenses: ['business_date', 'department_code', 'category', 'amount', 'note'],
}

/** Columns a line may leave empty. */
export const FEED_OPTIONAL_COLUMNS: Record<FeedKind, readonly string[]> = {
  sales: [],
  receipts: ['expiry_date'],
  labour: [],
  expenses: ['note'],
}

export const EXPENSE_CATEGORIES = ['materials', 'repairs', 'other'] as const

/** The largest upload the server takes. */
export const MAX_FEED_BYTES = 32 * 1024 * 1024
export const MAX_FEED_LINES = 100_000

export interface FeedResult {
  import_id: number
  kind: FeedKind
  source: 'json' | 'csv'
  lines: number
  created: number
  updated: number
  unchanged: number
  /** True when the Idempotency-Key was seen before and the first answer is replayed. */
  replayed: boolean
}

export interface FeedImport {
  id: number
  kind: FeedKind
  source: 'json' | 'csv'
  lines: number
  created: number
  updated: number
  unchanged: number
  actor_username: string
  created_at: string
  idempotency_key: string | null
}

export interface FeedImportQuery extends PageQuery {
  kind?: FeedKind | ''
}

export interface FeedUploadOptions {
  /** Sent as `Idempotency-Key`; a fresh one per upload when left out. */
  idempotencyKey?: string
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

export const feedsApi = {
  imports: (storeId: number, query: FeedImportQuery = {}) =>
    http.get<Page<FeedImport>>(`/stores/${storeId}/imports`, { ...query }),
}

/** Uploads a feed CSV as it is (text/csv) with progress and an Idempotency-Key. */
export function uploadFeed(kind: FeedKind, storeId: number, file: Blob, options: FeedUploadOptions = {}): Promise<FeedResult> {
  return upload<FeedResult>(`/stores/${storeId}/${kind}`, file, {
    contentType: 'text/csv',
    headers: { 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() },
    onProgress: options.onProgress,
    signal: options.signal,
  })
}
