// 风险登记、突发事件与活动前准备页面的中文文案；en.ts 用同样的键。
const zhCN = {
  risk: {
    levels: { low: '低', medium: '中', high: '高' },
    departments: { it: '信息部', logistics: '物流部', store_ops: '营运部', quality: '品控部', security: '安保部' },
    statuses: { open: '待处理', responding: '处置中', resolved: '已解决', closed: '已关闭' },
    register: {
      title: '风险登记',
      subtitle: '连锁风险清单：等级、征兆、责任部门和应对措施。',
      new: '新增风险',
      edit: '编辑',
      archived: '已归档',
      showArchived: '显示已归档',
      fields: { code: '代码', name: '名称', name_en: '英文名称', level: '等级', symptoms: '征兆', symptoms_en: '英文征兆', owner_department: '责任部门', measures: '应对措施', active: '启用' },
      measureZh: '措施（中文）',
      measureEn: '措施（英文）',
      addMeasure: '添加措施',
      removeMeasure: '删除此措施',
      saved: '已保存',
    },
  },
}

export type Messages = typeof zhCN
export default zhCN
