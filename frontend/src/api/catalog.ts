// The chain-wide product catalogue (/products): list, read, create, edit, CSV import
// (with a dry run) and CSV export.
import { buildUrl, http } from './http'
import { upload, type UploadProgress } from './upload'
import type { Page, PageQuery } from './types'

export type Unit = 'kg' | 'each'
export const UNITS: readonly Unit[] = ['kg', 'each']

/** Quantities are decimal strings with 3 places ("6.000"), money with 2 ("3.20"). */
export interface Product {
  id: number
  sku: string
  name: string
  department_code: string
  category: string
  unit: Unit
  case_pack: string
  shelf_life_days: number
  cost_price: string
  retail_price: string
  perishable: boolean
  barcode: string | null
  location: string
  active: boolean
  version: number
  created_at: string
  updated_at: string
}

export const PRODUCT_SORTS = ['sku', 'name', 'department_code', 'category'] as const
export type ProductSortField = (typeof PRODUCT_SORTS)[number]
/** A sort field, `-` in front for descending. */
export type ProductSort = ProductSortField | `-${ProductSortField}`

export interface ProductFilter {
  q?: string
  department_code?: string
  category?: string
  perishable?: boolean | null
  active?: boolean | null
}

export interface ProductQuery extends ProductFilter, PageQuery {
  sort?: ProductSort
}

export interface ProductCreate {
  sku: string
  name: string
  department_code: string
  category: string
  unit: Unit
  case_pack: string
  shelf_life_days: number
  cost_price: string
  retail_price: string
  perishable: boolean
  barcode?: string | null
  location?: string
  active?: boolean
}

export type ProductUpdate = Partial<Omit<ProductCreate, 'sku'>> & { version: number }

/** What an import did (or, on a dry run, would do). */
export interface ProductImportResult {
  lines: number
  created: number
  updated: number
  unchanged: number
  dry_run: boolean
}

export interface ProductImportOptions {
  dryRun?: boolean
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

/** The CSV columns of an import: the required ones, then the optional ones. */
export const PRODUCT_CSV_COLUMNS = [
  'sku',
  'name',
  'department_code',
  'category',
  'unit',
  'case_pack',
  'shelf_life_days',
  'cost_price',
  'retail_price',
  'perishable',
] as const
export const PRODUCT_CSV_OPTIONAL_COLUMNS = ['barcode', 'location', 'active'] as const

const skuPath = (sku: string) => `/products/${encodeURIComponent(sku)}`

export const productsApi = {
  list: (query: ProductQuery = {}) => http.get<Page<Product>>('/products', { ...query }),
  get: (sku: string) => http.get<Product>(skuPath(String(sku))),
  create: (body: ProductCreate) => http.post<Product>('/products', body),
  update: (sku: string, body: ProductUpdate) => http.patch<Product>(skuPath(String(sku)), body),
}

/** Uploads a product CSV as it is (text/csv), with progress; admins only. */
export function importProducts(file: Blob, options: ProductImportOptions = {}): Promise<ProductImportResult> {
  return upload<ProductImportResult>('/products/import', file, {
    contentType: 'text/csv',
    query: options.dryRun ? { dry_run: true } : undefined,
    onProgress: options.onProgress,
    signal: options.signal,
  })
}

/** The address of the CSV export of the products matching the filter (a plain GET download). */
export function productsExportUrl(filter: ProductFilter = {}): string {
  return buildUrl('/products/export', { ...filter })
}
