// Simplified Chinese texts of the stores pages: message module `stores` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  stores: {
    title: '门店',
    searchPlaceholder: '门店编码或名称',
    code: '编码',
    name: '名称',
    region: '区域',
    timezone: '时区',
    active: '营业中',
    inactive: '已停用',
    create: '新建门店',
    editTitle: '编辑门店',
    departments: '经营部门',
    departmentsTitle: '{name} 经营的部门',
    created: '门店已创建',
    taken: '该门店编码已被使用',
    departmentsSaved: '经营部门已保存',
    allRegions: '全部区域',
    readOnlyHint: '总部促销部只能查看门店',
  },
}

export type Messages = typeof zhCN
export default zhCN
