// English texts of the users pages: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  users: {
    title: 'Users',
    searchPlaceholder: 'Username or name',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    store: 'Store',
    departments: 'Departments',
    status: 'Status',
    enabled: 'Active',
    disabled: 'Disabled',
    lastLogin: 'Last sign-in',
    never: 'Never',
    create: 'New user',
    editTitle: 'Edit user',
    password: 'Initial password',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    resetPasswordTitle: 'Reset the password of {name}',
    newPassword: 'New password',
    passwordReset: 'Password reset',
    created: 'User created',
    confirmDisable: 'Disable {name}? They will no longer be able to sign in.',
    disabledDone: 'User disabled',
    enabledDone: 'User enabled',
    allRoles: 'All roles',
    allStores: 'All stores',
    allStatuses: 'All statuses',
    taken: 'This username is already taken',
    needsStore: 'Store managers and supervisors need a store',
    needsDepartment: 'A supervisor needs at least one department',
    readOnlyHint: 'Store managers can only view the users of their store',
  },
}

export default en
