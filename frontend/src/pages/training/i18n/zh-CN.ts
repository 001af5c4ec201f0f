// Simplified Chinese texts of the staff training pages (员工培训、健康证): message module
// `training` (src/i18n/modules.ts). A new key goes here and, with the same path and
// {placeholders}, in en.ts beside this file.
const zhCN = {
  training: {
    title: '员工培训',
    subtitle: '员工花名册、培训与演练签到、逾期必修培训和健康证到期提醒。',
    tabs: { certificates: '健康证', sessions: '培训', overdue: '逾期培训', employees: '员工' },
    topics: { food_safety: '食品安全', crowd_control_drill: '人流疏导演练', fire_drill: '消防演练', equipment: '设备操作', other: '其他' },
    states: { valid: '有效', expiring: '即将到期', expired: '已过期', missing: '无健康证' },
    employee: {
      add: '添加员工',
      name: '姓名',
      department: '部门',
      role: '岗位',
      foodHandler: '食品从业人员',
      active: '在职',
      inactive: '离职',
      none: '暂无员工',
      edit: '编辑员工',
    },
    session: {
      add: '安排培训',
      topic: '类型',
      title: '标题',
      date: '日期',
      trainer: '讲师',
      notes: '备注',
      forFoodHandlers: '面向食品从业人员',
      departments: '面向部门',
      counts: '到 {attended} · 缺 {absent}',
      attendance: '签到',
      attended: '已到',
      absent: '缺席',
      score: '成绩',
      save: '保存签到',
      saved: '签到已保存',
      open: '{n} 人未签',
      none: '暂无培训',
      everyone: '全体员工',
    },
    overdue: { none: '没有逾期的必修培训', never: '从未参加', last: '上次 {date}', due: '应于 {date} 前复训' },
    cert: {
      add: '登记健康证',
      number: '证号',
      issued: '发证日期',
      expires: '有效期至',
      daysLeft: '剩 {n} 天',
      overdueDays: '已过期 {n} 天',
      photo: '证件照片',
      renew: '更新',
      attention: '需处理（30 天内到期、已过期或无证）',
      all: '全部健康证',
      none: '所有食品从业人员健康证有效',
      employee: '员工',
      saved: '健康证已保存',
      badDates: '有效期须晚于发证日期',
      required: '请填写',
    },
  },
}

export type Messages = typeof zhCN
export default zhCN
