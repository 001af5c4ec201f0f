// Simplified Chinese texts of the data feeds page: message module `feeds` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  feeds: {
    title: '数据导入',
    intro: '上传收银（POS）日销售、收货、人工和费用数据。每次上传要么全部导入，要么一行都不导入。',
    kinds: {
      sales: '销售',
      receipts: '收货',
      labour: '人工',
      expenses: '费用',
    },
    describe: {
      sales: '每行是一个营业日一个 SKU 的销售：数量、销售额（净）和成本。同一天同一 SKU 再次上传会覆盖。',
      receipts: '每行是一次收货（含期初库存）：数量和成本；易腐商品填写到期日，会生成批次。',
      labour: '每行是一个营业日一个部门的人工：人数、工时和人工成本。',
      expenses: '每行是一笔部门费用：类别为 materials（物料）、repairs（修理费）或 other（其他）。',
    },
    optional: '可选',
    formatHint: '文件须为 UTF-8、GBK 或 GB18030 编码的 CSV（Excel 中“另存为 → CSV”或“CSV UTF-8”均可），第一行为列名；日期格式 YYYY-MM-DD；数量最多 3 位小数，金额最多 2 位小数。',
    template: '下载{kind}模板',
    upload: '上传到 {store}',
    done: '{kind}数据已导入',
    replayed: '这个文件已经导入过，本次没有重复计入（显示的是第一次导入的结果）',
    supervisorHint: '主管只能上传自己负责部门的收货数据。',
    history: '导入记录',
    allKinds: '全部类型',
    at: '时间',
    kind: '类型',
    actor: '操作人',
    source: '来源',
    key: '幂等键',
    keyReused: '文件内容与上次上传时不同，已按新的上传处理。请再点一次上传。',
    historyForbidden: '你没有权限查看本店的导入记录。',
  },
}

export type Messages = typeof zhCN
export default zhCN
