// Simplified Chinese texts of the audit log page: message module `audit` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  audit: {
    title: '审计日志',
    at: '时间',
    actor: '操作人',
    action: '动作',
    entityType: '对象类型',
    entityId: '对象编号',
    store: '门店',
    requestId: '请求编号',
    before: '修改前',
    after: '修改后',
    dateRange: '日期范围',
    from: '开始日期',
    to: '结束日期',
    entityTypePlaceholder: '如 user、store',
    actionPlaceholder: '如 user.create',
    allStores: '全部门店',
    nothing: '（无）',
  },
}

export type Messages = typeof zhCN
export default zhCN
