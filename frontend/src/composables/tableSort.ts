// Element Plus table sorting (sortable="custom") as the API's `sort` parameter:
// "name" ascending, "-name" descending, the default when sorting is cleared.

export interface TableSortChange {
  prop: string | null
  order: string | null
}

export function sortParam({ prop, order }: TableSortChange, fallback: string): string {
  if (!prop || !order) return fallback
  return order === 'descending' ? `-${prop}` : prop
}
