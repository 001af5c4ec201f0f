// The append-only audit log (GET /audit).
import { api, call } from './http'
import { compactQuery, type FilterQuery, type QueryOf, type Schema } from './types'

export type AuditEntry = Schema<'AuditRecord'>
export type AuditQuery = FilterQuery<QueryOf<'/api/v1/audit'>>

export const auditApi = {
  list: (query: AuditQuery = {}) => call(api.GET('/api/v1/audit', { params: { query: compactQuery(query) } })),
}
