// The chain's suppliers (GET/POST /suppliers, GET/PATCH /suppliers/{id}): everyone reads,
// admins add and change them.
import { api, call } from './http'
import { compactQuery, type FilterQuery, type QueryOf, type Schema } from './types'

export type Supplier = Schema<'Supplier'>
export type SupplierCreate = Schema<'CreateSupplierRequest'>
export type SupplierUpdate = Schema<'UpdateSupplierRequest'>
export type SupplierQuery = FilterQuery<QueryOf<'/api/v1/suppliers'>>

const supplier = (id: number) => ({ params: { path: { supplier_id: id } } })

export const suppliersApi = {
  list: (query: SupplierQuery = {}) => call(api.GET('/api/v1/suppliers', { params: { query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/suppliers/{supplier_id}', supplier(id))),
  create: (body: SupplierCreate) => call(api.POST('/api/v1/suppliers', { body })),
  update: (id: number, body: SupplierUpdate) =>
    call(api.PATCH('/api/v1/suppliers/{supplier_id}', { ...supplier(id), body })),
}
