// 活动前准备页面的中文文案；en.ts 用同样的键。
const zhCN = {
  readiness: {
    title: '活动前准备',
    subtitle: '大促等活动前，各门店按风险应对措施逐项准备。',
    new: '新建准备活动',
    event: '活动',
    fields: { name: '活动名称', event_date: '活动日期', risks: '涉及风险' },
    nameRequired: '请填写活动名称',
    dateRequired: '请选择活动日期',
    risksRequired: '请至少选择一项风险',
    created: '已为各门店生成清单',
    completion: '各门店完成率',
    done: '已完成',
    perStore: '{done}/{total} 项',
    store: '门店',
    percent: '完成率',
    noEvents: '暂无准备活动',
    checklist: '本店准备清单',
    ticked: '已勾选',
    note: '备注（可选）',
    doneBy: '{name} 于 {at} 完成',
    eventOn: '活动日期 {date}',
  },
}

export type Messages = typeof zhCN
export default zhCN
