// Simplified Chinese texts of the team meeting pages (例会): message module `meetings`
// (src/i18n/modules.ts). A new key goes here and, with the same path and {placeholders}, in
// en.ts beside this file.
const zhCN = {
  meetings: {
    title: '例会',
    subtitle: '记录门店和部门例会：参会人、会议纪要和行动项，行动项自动生成任务。',
    new: '记录例会',
    newTitle: '记录例会',
    saved: '例会已记录，行动项已生成任务',
    details: '详情',
    back: '返回例会列表',
    wholeStore: '全店',
    none: '暂无例会',
    from: '开始日期',
    to: '结束日期',
    kinds: { briefing: '班前会', weekly: '周例会', monthly: '月例会', special: '专题会' },
    fields: {
      held_on: '日期',
      kind: '类型',
      title: '主题',
      department_code: '部门',
      chair: '主持人',
      attendees: '参会人',
      notes: '会议纪要',
      items: '行动项',
      attendee_count: '参会',
      item_count: '行动项',
      open_item_count: '未完成',
      created_by_name: '记录人',
    },
    item: {
      add: '添加行动项',
      remove: '删除行动项 {n}',
      title: '行动项 {n}',
      what: '要做什么',
      owner: '负责人',
      department: '负责部门',
      due_on: '完成日期',
      task: '任务',
      openTask: '查看任务',
      noStatus: '任务已删除',
      none: '没有行动项',
    },
    counts: '{attendees} 人参会 · {items} 个行动项',
    openCount: '{n} 项未完成',
    titleRequired: '请填写会议主题',
    attendeesRequired: '请至少选择一位参会人',
    itemTitleRequired: '请填写要做什么',
    ownerRequired: '请选择负责人或负责部门',
  },
}

export type Messages = typeof zhCN
export default zhCN
