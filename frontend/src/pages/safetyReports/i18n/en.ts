// English texts of the inspection score report: the same keys as zh-CN.ts beside this file.
import type { Messages } from './zh-CN'

const en: Messages = {
  scores: {
    title: 'Inspection scores',
    subtitle: 'Mean score, inspections and failures by store, department or area, per week or month.',
    groupBy: { store: 'By store', department: 'By department', area: 'By area' },
    period: { week: 'Weekly', month: 'Monthly' },
    group: 'Group',
    periodCol: 'Period',
    inspections: 'Inspections',
    failed: 'Failed',
    mean: 'Mean score',
    empty: 'No inspections in these days',
    chartLabel: 'Mean score over time',
    topNote: 'The chart shows the 10 groups with most inspections',
  },
}

export default en
