// Simplified Chinese texts of the audit log page: message module `audit` (src/i18n/modules.ts),
// merged into vue-i18n when a route that needs them is first entered, not at start-up. A new key
// for these pages goes here and, with the same path and {placeholders}, in en.ts beside this
// file; messages.spec.ts fails naming a key missing from either.
const zhCN = {
  audit: {
    title: '审计日志',
    at: '时间',
    actor: '操作人',
    action: '动作',
    entityType: '对象类型',
    entityId: '对象编号',
    store: '门店',
    requestId: '请求编号',
    before: '修改前',
    after: '修改后',
    dateRange: '日期范围',
    from: '开始日期',
    to: '结束日期',
    allStores: '全部门店',
    nothing: '（无）',
    // What audit entries' codes (action, entity_type) say in words; an unknown code shows as it is.
    actions: {
      equipment: {
        create: '登记设备',
        update: '修改设备',
      },
      temperature_alert: {
        open: '温度告警',
        close: '关闭温度告警',
      },
      risk: {
        create: '新增风险',
        update: '修改风险',
      },
      incident: {
        create: '登记突发事件',
      },
      readiness: {
        create: '创建活动前准备',
        complete: '完成准备事项',
      },
      task: {
        assign: '分派任务',
        complete: '完成任务',
      },
      task_template: {
        create: '新增任务模板',
        update: '修改任务模板',
      },
      task_capacity: {
        set: '设置部门任务容量',
      },
      user: {
        create: '新建用户',
        update: '修改用户',
        reset_password: '重置密码',
        change_password: '修改自己的密码',
      },
      store: {
        create: '新建门店',
        update: '修改门店',
        departments: '设置门店部门',
      },
      department: {
        create: '新建部门',
      },
      product: {
        create: '新建商品',
        update: '修改商品',
        import: '导入商品',
      },
      recall: {
        create: '发起召回',
      },
      feed: {
        sales: '上传销售数据',
        receipts: '上传收货数据',
        labour: '上传人工数据',
        expenses: '上传费用数据',
      },
      budget: {
        create: '新建预算',
        copy: '从上月复制预算',
        update: '修改预算',
      },
      stocktake: {
        create: '计划盘点',
        start: '开始盘点',
        count: '提交盘点单',
        recount: '提交复盘单',
        recounts: '指派复盘',
        confirm_zero: '确认零库存',
        submit: '提交盘点',
        approve: '批准盘点',
        reject: '驳回盘点',
      },
      delegation: {
        create: '指定代理审批人',
        revoke: '撤销代理审批',
      },
      attachment: {
        upload: '上传照片',
        link: '关联照片',
        sweep: '清理未关联照片',
      },
      calendar_event: {
        create: '新增日历条目',
        update: '修改日历条目',
        delete: '删除日历条目',
      },
      supplier: {
        create: '新增供应商',
        update: '修改供应商',
      },
      order_plan: {
        create: '生成订货计划',
        line_update: '修改订货行',
        submit: '提交订货计划',
        approve: '批准订货计划',
        reject: '驳回订货计划',
        receive: '到货验收',
        delete: '删除订货计划',
      },
      order_settings: {
        update: '修改订货规则',
      },
      write_off: {
        create: '登记报损',
        post: '报损出库',
        approve: '批准报损',
        reject: '驳回报损',
      },
      markdown: {
        create: '降价',
        approve: '批准降价',
        reject: '驳回降价',
      },
      shrink_settings: {
        update: '修改报损审批金额',
      },
      markdown_rules: {
        update: '修改降价规则',
      },
      label_layout: {
        update: '修改降价标签条码格式',
      },
      campaign: {
        create: '新建促销档期',
        update: '修改促销草稿',
        publish: '促销下发门店',
        end: '促销结束',
        review: '门店填写促销总结分析',
        revise: '已发布档期变更（已通知门店）',
        ack: '门店已确认档期变更',
      },
      campaign_task: {
        complete: '完成促销任务',
        problem: '促销任务反馈问题',
        answer: '总部回复促销问题',
      },
      campaign_promoter: {
        create: '指派促销员',
      },
      checklist: {
        create: '新建检查表',
        revise: '修改检查表（新版本）',
      },
      inspection: {
        create: '提交检查',
      },
      inspection_schedule: {
        set: '设置检查计划',
      },
      corrective_action: {
        open: '生成整改项',
        complete: '整改完成',
        verify: '整改验证通过',
        reject: '整改退回',
        edit: '整改项改派',
      },
      campaign_shift: {
        create: '登记促销员班次',
      },
      meeting: {
        create: '记录例会',
      },
      complaint: {
        create: '登记顾客投诉',
        step: '记录投诉处理',
        resolve: '投诉已解决',
        reopen: '重新打开投诉',
      },
      price_survey: {
        create: '登记市调',
        promote: '市调价差转为店内促销',
      },
      price_change_request: {
        create: '提交调价申请',
        accept: '同意调价申请',
        reject: '驳回调价申请',
      },
    },
    entities: {
      meeting: '例会',
      calendar_event: '节假日与活动',
      user: '用户',
      store: '门店',
      department: '部门',
      product: '商品',
      recall: '召回',
      feed_import: '数据上传',
      budget: '预算',
      stocktake: '盘点',
      delegation: '代理审批',
      attachment: '照片',
      supplier: '供应商',
      order_plan: '订货计划',
      order_settings: '订货规则',
      write_off: '报损',
      markdown: '降价',
      shrink_settings: '损耗设置',
      markdown_rules: '降价规则',
      label_layout: '标签格式',
      campaign: '促销档期',
      campaign_task: '促销任务',
      campaign_promoter: '促销员',
      checklist: '检查表',
      inspection: '安全卫生检查',
      inspection_schedule: '检查计划',
      corrective_action: '整改项',
      complaint: '顾客投诉',
      price_survey: '市调',
      price_change_request: '调价申请',
    },
  },
}

export type Messages = typeof zhCN
export default zhCN
