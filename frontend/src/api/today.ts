// The signed-in user's Today inbox (GET /api/v1/me/today): what to do now, gathered by the
// server from every module, most urgent first, with badge counts per navigation key.
import { http } from './http'

export type InboxPriority = 'high' | 'normal' | 'low'

/** One thing to do; `title` is worded by the server in the requested language. */
export interface InboxEntry {
  kind: string
  title: string
  params: Record<string, string>
  priority: InboxPriority
  due_at: string | null
  /** The browser app's route that does the work, e.g. `/stocktakes?id=12&view=count`. */
  link: string
  resource_type: string | null
  resource_id: number | null
  store_id: number | null
  department_code: string | null
  /** How many things the entry stands for (lots, SKUs to recount); 1 for one record. */
  count: number
}

export interface TodayInbox {
  items: InboxEntry[]
  total: number
  /** Navigation key (`stocktakes`, `inventory`, …) → sum of its entries' counts. */
  badges: Record<string, number>
  /** True when a module failed to answer; `unavailable` names them. */
  partial: boolean
  unavailable: string[]
  generated_at: string
}

export const todayApi = {
  get: (lang: 'zh-CN' | 'en') => http.get<TodayInbox>('/me/today', { lang }),
}
