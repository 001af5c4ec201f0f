// Simplified Chinese texts of the store ranking page: message module `ranking`
// (src/i18n/modules.ts), merged into vue-i18n when a route that needs them is first entered, not
// at start-up. A new key for these pages goes here and, with the same path and {placeholders}, in
// en.ts beside this file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  ranking: {
    title: '门店排名',
    kpiLabel: '排名指标',
    rank: '排名',
    store: '门店',
    desc: '从高到低',
    asc: '从低到高',
    chartTitle: '各门店{kpi}（{month}）',
  },
}

export type Messages = typeof zhCN
export default zhCN
