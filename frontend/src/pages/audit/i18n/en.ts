// English texts of the audit log page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  audit: {
    title: 'Audit log',
    at: 'Time',
    actor: 'By',
    action: 'Action',
    entityType: 'Entity type',
    entityId: 'Entity id',
    store: 'Store',
    requestId: 'Request id',
    before: 'Before',
    after: 'After',
    dateRange: 'Dates',
    from: 'From',
    to: 'To',
    entityTypePlaceholder: 'e.g. user, store',
    actionPlaceholder: 'e.g. user.create',
    allStores: 'All stores',
    nothing: '(none)',
  },
}

export default en
