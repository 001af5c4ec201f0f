// English texts of the store ranking page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  ranking: {
    title: 'Store ranking',
    kpiLabel: 'KPI ranked',
    rank: 'Rank',
    store: 'Store',
    desc: 'Highest first',
    asc: 'Lowest first',
    chartTitle: '{kpi} by store ({month})',
  },
}

export default en
