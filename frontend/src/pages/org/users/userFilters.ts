// The filters of the users list.
import type { Role } from '@/api/types'

export interface UserFilterValues {
  q: string
  role: Role | ''
  store_id: number | null
  disabled: boolean | null
}

export function emptyUserFilters(): UserFilterValues {
  return { q: '', role: '', store_id: null, disabled: null }
}
