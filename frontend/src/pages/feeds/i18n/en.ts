// English texts of the data feeds page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  feeds: {
    title: 'Data feeds',
    intro: 'Upload POS daily sales, goods receipts, labour and expenses. An upload is applied whole or not at all.',
    kinds: {
      sales: 'Sales',
      receipts: 'Receipts',
      labour: 'Labour',
      expenses: 'Expenses',
    },
    describe: {
      sales: 'One line per business date and SKU: quantity, net sales and cost. Uploading the same date and SKU again replaces it.',
      receipts: 'One line per delivery (or opening balance): quantity and cost; perishables take an expiry date and become a lot.',
      labour: 'One line per business date and department: headcount, hours and labour cost.',
      expenses: 'One line per department expense; category is materials, repairs or other.',
    },
    optional: 'optional',
    formatHint: 'The file must be a CSV in UTF-8, GBK or GB18030 (Excel\'s CSV or CSV UTF-8) with the column names on line 1; dates as YYYY-MM-DD; quantities with up to 3 decimals, money up to 2.',
    template: 'Download the {kind} template',
    upload: 'Upload to {store}',
    done: '{kind} imported',
    replayed: 'This file was imported before and was not applied again (showing the first result)',
    supervisorHint: 'Supervisors upload goods receipts of their own departments only.',
    history: 'Import history',
    allKinds: 'All kinds',
    at: 'When',
    kind: 'Kind',
    actor: 'By',
    source: 'Source',
    key: 'Idempotency key',
    keyReused: 'The file differs from the one uploaded before with this key; click upload again to send it as a new upload.',
    historyForbidden: 'You may not see the import history of this store.',
  },
}

export default en
