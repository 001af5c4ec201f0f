// The filters of the audit log.

export interface AuditFilterValues {
  entity_type: string
  action: string
  store_id: number | null
  /** [from, to] as YYYY-MM-DD, both inclusive. */
  dates: [string, string] | null
}

export function emptyAuditFilters(): AuditFilterValues {
  return { entity_type: '', action: '', store_id: null, dates: null }
}
