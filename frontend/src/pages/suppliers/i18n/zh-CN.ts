// Simplified Chinese texts of the suppliers page: message module `suppliers` (src/i18n/modules.ts),
// loaded with its route. A new key goes here and, with the same path and {placeholders}, in en.ts
// beside this file.
const zhCN = {
  suppliers: {
    title: '供应商',
    subtitle: '订货按供应商的提前期和截单时间（门店当地时间）安排；停用的供应商仍挂在其商品上，订货计划跳过它。',
    readOnlyHint: '供应商由管理员维护，这里只读。',
    searchPlaceholder: '供应商编码或名称',
    code: '编码',
    name: '名称',
    leadTimeDays: '提前期',
    leadTimeN: '{n} 天',
    orderCutoff: '截单时间',
    contact: '联系方式',
    contactPlaceholder: '电话或邮箱',
    active: '启用',
    inactive: '停用',
    allStatuses: '全部状态',
    create: '新增供应商',
    editTitle: '修改供应商 {code}',
    created: '已新增供应商',
    taken: '该供应商编码已被使用',
    codeRule: '编码为 1–32 位小写字母、数字、_ 或 -，以字母或数字开头',
    cutoffPlaceholder: '如 10:30',
    cutoffRule: '请按 HH:MM 填写，00:00 至 23:59',
    leadTimeHint: '从下单到到货的天数，0–60（1 为次日到货）',
  },
}

export default zhCN
export type Messages = typeof zhCN
