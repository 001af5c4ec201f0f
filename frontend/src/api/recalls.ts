// Recalls (召回, GET/POST /recalls, GET /recalls/{id}): an admin sends a product's lots back
// from the stores, and what is left of them leaves each store's stock at once. Everyone who
// may read them sees the chain's recalls; a store's staff only their own store's line.
import { api, call } from './http'
import { compactQuery, type FilterQuery, type QueryOf, type Schema } from './types'

export type Recall = Schema<'Recall'>
export type RecallStore = Schema<'RecallStore'>
export type RecallCreate = Schema<'RecallCreateRequest'>
export type RecallQuery = FilterQuery<QueryOf<'/api/v1/recalls'>>

export const recallsApi = {
  list: (query: RecallQuery = {}) => call(api.GET('/api/v1/recalls', { params: { query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/recalls/{recall_id}', { params: { path: { recall_id: id } } })),
  create: (body: RecallCreate) => call(api.POST('/api/v1/recalls', { body })),
}
