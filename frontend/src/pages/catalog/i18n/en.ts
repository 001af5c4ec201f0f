// English texts of the product catalog pages: the same keys as zh-CN.ts beside this file
// (the Messages type makes a missing or extra key a compile error).
import type { Messages } from './zh-CN'

const en: Messages = {
  units: {
    kg: 'kg',
    each: 'each',
  },
  products: {
    title: 'Products',
    searchPlaceholder: 'SKU, name or barcode',
    name: 'Name',
    department: 'Department',
    category: 'Category',
    unit: 'Unit',
    casePack: 'Case pack',
    shelfLifeDays: 'Shelf life (days)',
    costPrice: 'Cost price',
    retailPrice: 'Retail price',
    perishable: 'Perishable',
    notPerishable: 'Not perishable',
    barcode: 'Barcode',
    location: 'Location',
    active: 'Active',
    inactive: 'Inactive',
    allDepartments: 'All departments',
    anyPerishable: 'Perishable or not',
    anyStatus: 'All statuses',
    create: 'New product',
    editTitle: 'Edit product {sku}',
    created: 'Product created',
    taken: 'This SKU already exists',
    skuRule: 'SKU: 1–32 letters, digits, _ or -, starting with a letter or digit',
    decimalRule: 'Enter a number of at least 0 with at most {places} decimal places',
    positiveRule: 'Must be greater than 0',
    shelfLifeRule: 'A perishable product keeps at least 1 day',
    barcodeRule: 'A barcode has 8–14 digits',
    export: 'Export CSV',
    import: 'Import CSV',
    importTitle: 'Import products',
    importHint: 'Upload a CSV file (UTF-8, GBK or GB18030) whose first line names the columns:',
    importOptional: 'Optional columns:',
    checking: 'Checking the file; nothing is written yet…',
    checkPassed: 'The file is fine: {lines} lines; {created} products will be created, {updated} updated, {unchanged} unchanged.',
    checkAgain: 'Check again',
    importLines: 'Import {n} lines',
    imported: 'Products imported',
    readOnlyHint: 'Only admins change products; you can search and export them.',
  },
}

export default en
