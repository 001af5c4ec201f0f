// Shapes shared by every module of the API.

/** One page of a list endpoint: `?page=1&page_size=50`. */
export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

/** Paging query parameters accepted by every list endpoint. */
export interface PageQuery {
  page?: number
  page_size?: number
}

/** The largest page the server hands out; used to load reference lists in one call. */
export const MAX_PAGE_SIZE = 500

export const ROLES = ['admin', 'store_manager', 'supervisor', 'hq_promotions'] as const
export type Role = (typeof ROLES)[number]
