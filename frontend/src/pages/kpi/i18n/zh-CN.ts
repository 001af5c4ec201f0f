// Simplified Chinese texts of the KPI pages: message module `kpi` (src/i18n/modules.ts), merged
// into vue-i18n when a route that needs them is first entered, not at start-up. A new key for
// these pages goes here and, with the same path and {placeholders}, in en.ts beside this file;
// messages.spec.ts fails naming a key missing from either.
const zhCN = {
  kpi: {
    title: '经营看板',
    period: {
      mtd: '本月至今',
      last_month: '上月',
      custom: '自定义',
    },
    range: '{from} 至 {to}，共 {days} 天',
    allDepartments: '全部',
    keys: {
      sales: '销售额',
      cogs: '销售成本',
      gross_margin: '毛利',
      gross_margin_pct: '毛利率',
      labour_cost: '人工',
      materials: '物料',
      repairs: '修理费',
      shrink: '商品损耗',
      shrink_pct: '损耗率',
      opex: '营运费用',
      sales_per_head: '人均销售',
      sales_per_labour_hour: '每工时销售',
    },
    status: {
      on_track: '达标',
      watch: '关注',
      off_track: '未达标',
      none: '无预算',
    },
    actual: '实际',
    budget: '预算',
    variance: '差异',
    variancePct: '差异率',
    points: '个百分点',
    lastMonth: '上月',
    lastYear: '去年',
    trendTitle: '每日趋势',
    daily: '每日',
    running: '累计',
    salesBudget: '销售预算（按天分摊）',
    departmentChartTitle: '各部门预算与实际',
    barKpiLabel: '图表指标',
    noData: '所选期间暂无数据',
    noBudgetHint: '所选期间还没有预算，状态显示为灰色。',
    partialBudgetHint: '合计只有在所有部门都设置了预算时才有预算可比，请选择部门查看，或为其余部门设置预算。',
    setBudgets: '设置预算',
    viewBudgets: '查看预算',
    clickHint: '点击卡片查看构成和商品排行',
    drilldownTitle: '{kpi}构成',
    parts: '构成',
    otherParts: '其他',
    part: '项目',
    share: '占比',
    topSkus: '商品排行',
    netSales: '销售额（净）',
  },
}

export type Messages = typeof zhCN
export default zhCN
