// Simplified Chinese texts of the home pages: message module `home` (src/i18n/modules.ts), merged
// into vue-i18n when a route that needs them is first entered, not at start-up. A new key for
// these pages goes here and, with the same path and {placeholders}, in en.ts beside this file;
// messages.spec.ts fails naming a key missing from either.
const zhCN = {
  home: {
    greeting: '你好，{name}',
    roleLine: '你的角色：{role}',
    storesTitle: '门店一览',
    storesCount: '门店数',
    usersCount: '用户数',
    manageUsers: '管理用户',
    manageStores: '管理门店',
  },
}

export type Messages = typeof zhCN
export default zhCN
