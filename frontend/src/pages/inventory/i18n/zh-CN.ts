// Simplified Chinese texts of the inventory pages: message module `inventory`
// (src/i18n/modules.ts), merged into vue-i18n when a route that needs them is first entered, not
// at start-up. A new key for these pages goes here and, with the same path and {placeholders}, in
// en.ts beside this file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  inventory: {
    title: '库存',
    stockTab: '库存',
    movementsTab: '库存流水',
    searchPlaceholder: 'SKU 或名称',
    expiringWithin: '临期',
    days: '天内',
    onlyExpiring: '只看临期',
    inStock: '只看有库存',
    onHand: '在库',
    stockValue: '库存金额',
    avgDailySales: '日均销量',
    daysOfCover: '周转天数',
    coverDays: '{n} 天',
    noSales: '无销售',
    noSalesHint: '近 28 天没有销售，无法计算周转天数',
    departmentCategory: '部门 · 品类',
    nextExpiry: '最近到期',
    expiringQty: '临期数量',
    expiringTag: '临期 {qty}',
    expiredTag: '已过期 {qty}',
    lots: '批次',
    noLots: '没有在库批次',
    receivedDate: '收货日期',
    expiryDate: '到期日',
    qtyRemaining: '剩余数量',
    expiresIn: '距到期',
    today: '今天到期',
    tomorrow: '明天到期',
    inDays: '{n} 天后',
    expiredAgo: '已过期 {n} 天',
    movements: '流水',
    businessDate: '营业日',
    kind: '类型',
    qty: '数量',
    reference: '来源单据',
    allKinds: '全部类型',
    legendRed: '今天或明天到期 / 周转不足 1 天',
    legendAmber: '{n} 天内到期 / 周转超过 14 天',
  },
  movementKinds: {
    receipt: '收货',
    sale: '销售',
    write_off: '报损',
    markdown_sale: '降价销售',
    stocktake_adjustment: '盘点调整',
    transfer: '调拨',
    return_to_supplier: '退供应商',
    recall: '召回',
  },
}

export type Messages = typeof zhCN
export default zhCN
