// Simplified Chinese texts of the product catalog pages: message module `products`
// (src/i18n/modules.ts), merged into vue-i18n when a route that needs them is first entered, not
// at start-up. A new key for these pages goes here and, with the same path and {placeholders}, in
// en.ts beside this file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  units: {
    kg: '千克',
    each: '件',
  },
  products: {
    title: '商品',
    searchPlaceholder: 'SKU、名称或条码',
    name: '名称',
    department: '部门',
    category: '品类',
    unit: '单位',
    casePack: '箱规',
    supplier: '供应商',
    noSupplier: '无供应商',
    minOrderQty: '最小订货量',
    shelfLifeDays: '保质期（天）',
    costPrice: '进价',
    retailPrice: '售价',
    perishable: '易腐',
    notPerishable: '非易腐',
    barcode: '条码',
    location: '货位',
    active: '在售',
    inactive: '停用',
    allDepartments: '全部部门',
    anyPerishable: '是否易腐',
    anyStatus: '全部状态',
    create: '新建商品',
    editTitle: '编辑商品 {sku}',
    created: '商品已创建',
    taken: '该 SKU 已存在',
    skuRule: 'SKU 为 1–32 位字母、数字、_ 或 -，以字母或数字开头',
    decimalRule: '请输入不小于 0 的数字，最多 {places} 位小数',
    positiveRule: '必须大于 0',
    shelfLifeRule: '易腐商品的保质期至少 1 天',
    barcodeRule: '条码为 8–14 位数字',
    export: '导出 CSV',
    import: '导入 CSV',
    importTitle: '导入商品',
    importHint: '上传 CSV 文件（UTF-8、GBK 或 GB18030 编码），第一行为列名：',
    importOptional: '可选列：',
    checking: '正在检查文件，尚未写入任何数据…',
    checkPassed: '检查通过：共 {lines} 行，将新建 {created} 个、更新 {updated} 个、{unchanged} 个不变。',
    checkAgain: '重新检查',
    importLines: '导入 {n} 行',
    imported: '商品已导入',
    readOnlyHint: '只有管理员可以修改商品；你可以查询和导出。',
  },
}

export type Messages = typeof zhCN
export default zhCN
