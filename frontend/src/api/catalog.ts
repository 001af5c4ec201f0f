// The chain-wide product catalogue (/products): list, read, create, edit, CSV import
// (with a dry run) and CSV export.
import { api, call, downloadUrl } from './http'
import { upload, type UploadProgress } from './upload'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

/** Quantities are decimal strings with 3 places ("6.000"), money with 2 ("3.20"). */
export type Product = Schema<'Product'>
export type ProductCreate = Schema<'ProductCreateRequest'>
export type ProductUpdate = Schema<'ProductUpdateRequest'>
/** What an import did (or, on a dry run, would do). */
export type ProductImportResult = Schema<'ProductImportResult'>

export type Unit = Schema<'ProductUnit'>
export const UNITS = enumValues<Unit>()('kg', 'each')

export type ProductQuery = FilterQuery<QueryOf<'/api/v1/products'>>
/** A sort field, `-` in front for descending. */
export type ProductSort = NonNullable<ProductQuery['sort']>
/** The filters shared by the list and the CSV export. */
export type ProductFilter = FilterQuery<QueryOf<'/api/v1/products/export'>>

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
] as const satisfies readonly (keyof ProductCreate)[]
export const PRODUCT_CSV_OPTIONAL_COLUMNS = ['barcode', 'location', 'active', 'supplier_code', 'min_order_qty'] as const satisfies readonly (keyof ProductCreate)[]

const bySku = (sku: string) => ({ params: { path: { sku: String(sku) } } })

export const productsApi = {
  list: (query: ProductQuery = {}) => call(api.GET('/api/v1/products', { params: { query: compactQuery(query) } })),
  get: (sku: string) => call(api.GET('/api/v1/products/{sku}', bySku(sku))),
  create: (body: ProductCreate) => call(api.POST('/api/v1/products', { body })),
  update: (sku: string, body: ProductUpdate) => call(api.PATCH('/api/v1/products/{sku}', { ...bySku(sku), body })),
}

/** Uploads a product CSV as it is (text/csv), with progress; admins only. */
export function importProducts(file: Blob, options: ProductImportOptions = {}): Promise<ProductImportResult> {
  return upload('/api/v1/products/import', { query: options.dryRun ? { dry_run: true } : {} }, file, {
    contentType: 'text/csv',
    onProgress: options.onProgress,
    signal: options.signal,
  })
}

/** The address of the CSV export of the products matching the filter (a plain GET download). */
export function productsExportUrl(filter: ProductFilter = {}): string {
  return downloadUrl('/api/v1/products/export', { query: compactQuery(filter) })
}
