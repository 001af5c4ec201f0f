// English texts of the home pages: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  home: {
    greeting: 'Hello, {name}',
    roleLine: 'Your role: {role}',
    storesTitle: 'Stores',
    storesCount: 'Stores',
    usersCount: 'Users',
    manageUsers: 'Manage users',
    manageStores: 'Manage stores',
  },
}

export default en
