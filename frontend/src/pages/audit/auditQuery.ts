// Converts the audit filters into query parameters.
import type { AuditQuery } from '@/api/audit'
import type { AuditFilterValues } from './auditFilters'

/**
 * The picked days are local calendar days: `from` is the start of the first day and
 * `to` the last millisecond of the last day, both sent as RFC 3339 UTC.
 */
export function dayRange(dates: [string, string] | null): Pick<AuditQuery, 'from' | 'to'> {
  if (!dates) return {}
  const [from, to] = dates
  const start = new Date(`${from}T00:00:00`)
  const end = new Date(`${to}T23:59:59.999`)
  return { from: start.toISOString(), to: end.toISOString() }
}

export function auditQuery(filters: AuditFilterValues): AuditQuery {
  return {
    entity_type: filters.entity_type.trim(),
    action: filters.action.trim(),
    store_id: filters.store_id,
    ...dayRange(filters.dates),
  }
}
