// English texts of the budgets page: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  budgets: {
    title: 'Budgets',
    month: 'Month',
    department: 'Department',
    fields: {
      sales_target: 'Sales target',
      gross_margin_pct_target: 'Gross margin % target',
      labour_budget: 'Labour budget',
      materials_budget: 'Materials budget',
      repairs_budget: 'Repairs budget',
      shrink_budget: 'Shrink budget',
      sales_per_head_target: 'Sales per head target',
    },
    hint: 'Amounts in yuan with up to 2 decimals; the gross margin target is a percent. Leave a cell empty for no budget. “Save all” saves every department together.',
    notSet: 'Not set',
    unsavedTag: 'Unsaved',
    updatedBy: 'Updated by {name} at {at}',
    copyPrevious: 'Copy last month',
    confirmCopy: 'Copy the budgets of {from} into the departments without a budget in {to}? Budgets already set stay as they are.',
    copied: 'Last month’s budgets copied',
    nothingToCopy: 'Last month has no budgets to copy',
    saveAll: 'Save all',
    saved: 'Budgets of {n} departments saved',
    noChanges: 'Nothing to save',
    fixErrors: '{n} problems found; no budget was saved. Fix them and save again.',
    invalidMoney: 'Enter an amount of 0 or more with up to 2 decimals',
    invalidPercent: 'Enter a percent from 0 to 100 with up to 2 decimals',
    confirmDiscard: 'Changes to {n} departments are not saved. Discard them?',
    staleTitle: 'Budgets changed',
    staleText: 'Someone else has just changed this month’s budgets. Reload to see them; your unsaved changes will be lost.',
    messages: {
      notNegative: 'Must not be negative',
      max: 'Must be at most {max}',
      number: 'Must be a number such as 12.50; leave it empty for no budget',
      decimals: 'At most {n} decimals',
      required: 'Required (leave it empty for no budget)',
      notRun: 'The store does not run this department',
      twice: 'The department appears twice',
    },
    readOnlyHint: 'Only store managers and admins change budgets; you can read and export them.',
  },
}

export default en
