// Simplified Chinese texts of the users pages: message module `users` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  users: {
    title: '用户',
    searchPlaceholder: '用户名或姓名',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    store: '门店',
    departments: '部门',
    status: '状态',
    enabled: '启用',
    disabled: '已停用',
    lastLogin: '最近登录',
    never: '从未登录',
    create: '新建用户',
    editTitle: '编辑用户',
    password: '初始密码',
    disable: '停用',
    enable: '启用',
    resetPassword: '重置密码',
    resetPasswordTitle: '重置 {name} 的密码',
    newPassword: '新密码',
    passwordReset: '密码已重置',
    created: '用户已创建',
    confirmDisable: '确定停用用户 {name}？停用后该用户无法登录。',
    disabledDone: '用户已停用',
    enabledDone: '用户已启用',
    allRoles: '全部角色',
    allStores: '全部门店',
    allStatuses: '全部状态',
    taken: '该用户名已被使用',
    needsStore: '店长和主管必须选择门店',
    needsDepartment: '主管至少需要一个部门',
    readOnlyHint: '店长只能查看本店用户',
  },
}

export type Messages = typeof zhCN
export default zhCN
