// Simplified Chinese texts of the inspection score report (检查得分报表): message module
// `safety-scores` (src/i18n/modules.ts); en.ts beside this file has the same keys.
const zhCN = {
  scores: {
    title: '检查得分报表',
    subtitle: '按门店、部门或区域，逐周或逐月的平均得分、检查次数和不合格次数。',
    groupBy: { store: '按门店', department: '按部门', area: '按区域' },
    period: { week: '按周', month: '按月' },
    group: '分组',
    periodCol: '期间',
    inspections: '检查次数',
    failed: '不合格',
    mean: '平均得分',
    empty: '所选期间没有检查',
    chartLabel: '平均得分走势图',
    topNote: '图中显示检查最多的 10 个分组',
  },
}

export type Messages = typeof zhCN
export default zhCN
