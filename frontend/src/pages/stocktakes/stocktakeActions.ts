// Which actions a role may take on a stocktake in its state. The server checks every call
// again; this only decides which buttons are shown.
import type { Role } from '@/api/types'
import type { Stocktake } from '@/api/stocktakes'

export type StocktakeAction =
  | 'start'
  | 'count'
  | 'recount'
  | 'variance'
  | 'assignRecount'
  | 'confirmZero'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'sheet'

export const COUNTER_ROLES: readonly Role[] = ['admin', 'store_manager', 'supervisor']
export const MANAGER_ROLES: readonly Role[] = ['admin', 'store_manager']

/** Whether the role sees book quantities of this stocktake (blind counts hide them from counters). */
export function seesBook(st: Pick<Stocktake, 'blind' | 'status'>, role: Role | null): boolean {
  if (!role) return false
  return !(st.blind && role === 'supervisor' && (st.status === 'planned' || st.status === 'counting'))
}

export function allowedActions(st: Pick<Stocktake, 'blind' | 'status'>, role: Role | null): StocktakeAction[] {
  if (!role) return []
  const counter = COUNTER_ROLES.includes(role)
  const manager = MANAGER_ROLES.includes(role)
  const out: StocktakeAction[] = ['sheet']
  switch (st.status) {
    case 'planned':
      if (counter) out.push('start')
      break
    case 'counting':
      if (counter) out.push('count', 'recount')
      if (seesBook(st, role)) out.push('variance')
      if (counter && seesBook(st, role)) out.push('assignRecount', 'confirmZero')
      if (counter) out.push('submit')
      break
    case 'submitted':
      if (counter) out.push('recount')
      out.push('variance')
      if (counter) out.push('assignRecount')
      if (manager) out.push('approve', 'reject')
      break
    case 'approved':
      out.push('variance')
      break
  }
  return out
}

export const STATUS_TAG: Record<Stocktake['status'], 'info' | 'warning' | 'primary' | 'success'> = {
  planned: 'info',
  counting: 'warning',
  submitted: 'primary',
  approved: 'success',
}
