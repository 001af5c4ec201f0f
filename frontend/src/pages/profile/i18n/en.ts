// English texts of the profile page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  profile: {
    title: 'Profile',
    details: 'Details',
    username: 'Username',
    displayName: 'Name',
    role: 'Role',
    store: 'Store',
    departments: 'Departments',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    passwordMin: 'At least 8 characters',
    passwordMismatch: 'The passwords do not match',
    passwordChanged: 'Password changed',
    required: 'Required',
  },
}

export default en
