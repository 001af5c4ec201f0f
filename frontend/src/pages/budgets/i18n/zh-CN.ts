// Simplified Chinese texts of the budgets page: message module `budgets` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  budgets: {
    title: '预算',
    month: '月份',
    department: '部门',
    fields: {
      sales_target: '销售目标',
      gross_margin_pct_target: '毛利率目标',
      labour_budget: '人工预算',
      materials_budget: '物料预算',
      repairs_budget: '修理费预算',
      shrink_budget: '损耗预算',
      sales_per_head_target: '人均销售目标',
    },
    hint: '金额单位为元，最多 2 位小数；毛利率目标为百分比。留空表示不设该项预算。修改后点“全部保存”，所有部门一起保存。',
    notSet: '未设置',
    unsavedTag: '未保存',
    updatedBy: '{name} 更新于 {at}',
    copyPrevious: '复制上月预算',
    confirmCopy: '把 {from} 的预算复制到 {to} 还没有预算的部门？已设置预算的部门保持不变。',
    copied: '已复制上月预算',
    nothingToCopy: '上月没有可复制的预算',
    saveAll: '全部保存',
    saved: '已保存 {n} 个部门的预算',
    noChanges: '没有需要保存的修改',
    fixErrors: '有 {n} 处错误，没有保存任何预算，请修改后再保存',
    invalidMoney: '请输入不小于 0 的金额，最多 2 位小数',
    invalidPercent: '请输入 0 到 100 之间的百分比，最多 2 位小数',
    confirmDiscard: '有 {n} 个部门的修改尚未保存，确定放弃？',
    staleTitle: '预算已被修改',
    staleText: '其他人刚刚修改了这个月的预算。重新加载后可以看到最新数据，你未保存的修改将会丢失。',
    messages: {
      notNegative: '不能为负数',
      max: '不能超过 {max}',
      number: '必须是数字，例如 12.50；留空表示不设预算',
      decimals: '最多 {n} 位小数',
      required: '必填（留空表示不设预算）',
      notRun: '本店不经营这个部门',
      twice: '同一部门出现了两次',
    },
    readOnlyHint: '只有店长和管理员可以修改预算；你可以查看和导出。',
  },
}

export type Messages = typeof zhCN
export default zhCN
