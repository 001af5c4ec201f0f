// The signed-in user's Today inbox (GET /api/v1/me/today): what to do now, gathered by the
// server from every module, most urgent first, with badge counts per navigation key.
import { api, call } from './http'
import type { Schema } from './types'

export type InboxPriority = Schema<'InboxEntry'>['priority']

/** One thing to do; `title` is worded by the server in the requested language. */
export type InboxEntry = Schema<'InboxEntry'>

/** The inbox: entries most urgent first, badge counts per navigation key, partial answers. */
export type TodayInbox = Schema<'TodayInbox'>

export const todayApi = {
  get: (lang: 'zh-CN' | 'en') => call(api.GET('/api/v1/me/today', { params: { query: { lang } } })),
}
