// Simplified Chinese texts of the holidays-and-events calendar: message module `calendar`
// (src/i18n/modules.ts), loaded with its route. A new key goes here and, with the same path and
// {placeholders}, in en.ts beside this file.
const zhCN = {
  calendar: {
    title: '节假日与活动',
    subtitle: '预测按这里的日期学习并计入节假日和活动对销量的影响；同名条目跨年份视为同一活动。',
    readOnlyHint: '节假日与活动由总部维护，这里只读。',
    create: '新增条目',
    editTitle: '修改条目',
    created: '已新增条目',
    removed: '已删除条目',
    taken: '同名条目已在这一天开始',
    name: '名称',
    kind: '类型',
    kinds: { holiday: '法定节假日', event: '活动' },
    allKinds: '全部类型',
    dates: '日期',
    startsOn: '开始日期',
    endsOn: '结束日期',
    days: '天数',
    daysN: '{n} 天',
    note: '备注',
    previousYear: '上一年',
    nextYear: '下一年',
    year: '年份',
    searchPlaceholder: '按名称搜索',
    remove: '删除',
    confirmRemove: '删除“{name}”（{from} 至 {to}）？预测将不再计入这段日期。',
    endBeforeStart: '结束日期不能早于开始日期',
    tooLong: '一个条目最多 31 天',
  },
}

export default zhCN
export type Messages = typeof zhCN
