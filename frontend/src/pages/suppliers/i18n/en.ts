// English texts of the suppliers page: the same keys as zh-CN.ts beside this file (the Messages
// type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  suppliers: {
    title: 'Suppliers',
    subtitle: "Orders follow each supplier's lead time and order cut-off (the store's own time); an inactive supplier stays on its products and ordering plans skip it.",
    readOnlyHint: 'Admins keep the suppliers; read-only here.',
    searchPlaceholder: 'Supplier code or name',
    code: 'Code',
    name: 'Name',
    leadTimeDays: 'Lead time',
    leadTimeN: '{n} d',
    orderCutoff: 'Order cut-off',
    contact: 'Contact',
    contactPlaceholder: 'Phone or e-mail',
    active: 'Active',
    inactive: 'Inactive',
    allStatuses: 'All statuses',
    create: 'Add supplier',
    editTitle: 'Change supplier {code}',
    created: 'Supplier added',
    taken: 'This supplier code is already taken',
    codeRule: 'A code is 1–32 lowercase letters, digits, _ or -, starting with a letter or digit',
    cutoffPlaceholder: 'e.g. 10:30',
    cutoffRule: 'Write it as HH:MM, from 00:00 to 23:59',
    leadTimeHint: 'Days from order to delivery, 0–60 (1 is next-day)',
  },
}

export default en
