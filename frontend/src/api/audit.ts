// The append-only audit log (GET /audit).
import { http } from './http'
import type { Page, PageQuery } from './types'

export interface AuditEntry {
  id: number
  at: string
  actor_id: number | null
  actor_username: string
  action: string
  entity_type: string
  /** The record's id or code, as text. */
  entity_id: string
  store_id: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  request_id: string
}

export interface AuditQuery extends PageQuery {
  entity_type?: string
  entity_id?: string
  actor_id?: number | null
  action?: string
  store_id?: number | null
  /** RFC 3339 timestamps. */
  from?: string
  to?: string
}

export const auditApi = {
  list: (query: AuditQuery = {}) => http.get<Page<AuditEntry>>('/audit', { ...query }),
}
