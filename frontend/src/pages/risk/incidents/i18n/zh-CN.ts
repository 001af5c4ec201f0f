// 突发事件页面的中文文案；en.ts 用同样的键。
const zhCN = {
  incidents: {
    title: '突发事件',
    subtitle: '门店突发事件看板：按状态跟踪处置、记录行动和解决结果。',
    new: '登记事件',
    allLevels: '全部等级',
    allStatuses: '全部状态',
    allStores: '全部门店',
    empty: '暂无事件',
    details: '详情',
    fields: { risk: '风险', level: '等级', title: '标题', description: '描述', occurred_at: '发生时间', owner: '负责人', status: '状态', store: '门店', resolution: '解决结果', hours_to_resolve: '解决用时', created_by_name: '登记人' },
    titleRequired: '请填写标题',
    riskRequired: '请选择风险',
    created: '事件已登记',
    timeline: '处置时间线',
    opened: '登记事件',
    kinds: { action: '行动', resolve: '解决', close: '关闭' },
    action: { note: '采取的行动', photos: '照片', add: '添加行动', noteRequired: '请填写行动内容', saved: '行动已记录', photoAlt: '照片 {n}' },
    resolve: { action: '解决', resolution: '解决结果', required: '请填写解决结果', saved: '事件已解决' },
    close: { action: '关闭事件', confirm: '确认关闭此事件？', saved: '事件已关闭' },
    edit: { action: '编辑', title: '编辑事件', saved: '事件已更新', nothing: '没有修改' },
    back: '返回看板',
  },
}

export type Messages = typeof zhCN
export default zhCN
