// Simplified Chinese texts of the profile page: message module `profile` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  profile: {
    title: '个人资料',
    details: '基本信息',
    username: '用户名',
    displayName: '姓名',
    role: '角色',
    store: '门店',
    departments: '部门',
    changePassword: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    confirmPassword: '确认新密码',
    passwordMin: '密码至少 8 位',
    passwordMismatch: '两次输入的密码不一致',
    passwordChanged: '密码已修改',
    required: '此项必填',
  },
}

export type Messages = typeof zhCN
export default zhCN
