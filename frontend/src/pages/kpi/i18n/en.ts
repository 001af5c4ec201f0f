// English texts of the KPI pages: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  kpi: {
    title: 'KPI cockpit',
    period: {
      mtd: 'Month to date',
      last_month: 'Last month',
      custom: 'Custom',
    },
    range: '{from} to {to}, {days} days',
    allDepartments: 'All',
    keys: {
      sales: 'Sales',
      cogs: 'Cost of sales',
      gross_margin: 'Gross margin',
      gross_margin_pct: 'Gross margin %',
      labour_cost: 'Labour',
      materials: 'Materials',
      repairs: 'Repairs',
      shrink: 'Shrink',
      shrink_pct: 'Shrink %',
      opex: 'Operating expenses',
      sales_per_head: 'Sales per head',
      sales_per_labour_hour: 'Sales per labour hour',
    },
    status: {
      on_track: 'On track',
      watch: 'Watch',
      off_track: 'Off track',
      none: 'No budget',
    },
    actual: 'Actual',
    budget: 'Budget',
    variance: 'Variance',
    variancePct: 'Variance %',
    points: 'pp',
    lastMonth: 'Last month',
    lastYear: 'Last year',
    trendTitle: 'Daily trend',
    daily: 'Daily',
    running: 'Running total',
    salesBudget: 'Sales budget (pro-rated)',
    departmentChartTitle: 'Budget vs actual by department',
    barKpiLabel: 'KPI shown',
    noData: 'No data for this period yet',
    noBudgetHint: 'There is no budget for this period yet, so statuses are grey.',
    partialBudgetHint: 'The total has a budget only when every department has one: pick a department, or set the budgets of the others.',
    setBudgets: 'Set budgets',
    viewBudgets: 'View budgets',
    clickHint: 'Click a card for its breakdown and top SKUs',
    drilldownTitle: '{kpi} breakdown',
    parts: 'Made up of',
    otherParts: 'Other',
    part: 'Part',
    share: 'Share',
    topSkus: 'Top SKUs',
    netSales: 'Net sales',
  },
}

export default en
