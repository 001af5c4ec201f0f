// English texts of the stores pages: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  stores: {
    title: 'Stores',
    searchPlaceholder: 'Store code or name',
    code: 'Code',
    name: 'Name',
    region: 'Region',
    timezone: 'Time zone',
    active: 'Open',
    inactive: 'Inactive',
    create: 'New store',
    editTitle: 'Edit store',
    departments: 'Departments',
    departmentsTitle: 'Departments of {name}',
    created: 'Store created',
    taken: 'This store code is already taken',
    departmentsSaved: 'Departments saved',
    allRegions: 'All regions',
    readOnlyHint: 'HQ promotions can only view stores',
  },
}

export default en
