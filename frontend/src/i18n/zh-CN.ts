// The core texts in Simplified Chinese, the default language: what the entry needs before any
// page area is loaded (app shell, navigation, roles, common words, errors, login, error pages).
// A page area's texts live beside its pages (src/pages/<area>/i18n/zh-CN.ts and en.ts) and are
// loaded with its routes (src/i18n/modules.ts); only words every area shares belong here.
// en.ts must have exactly the same keys (the type below and messages.spec.ts hold them
// together). Terms follow DESIGN.md §2.
const zhCN = {
  app: {
    name: 'StoreOps',
    tagline: '门店运营管理',
  },
  lang: {
    label: '语言',
    switchTo: 'English',
  },
  common: {
    save: '保存',
    cancel: '取消',
    confirm: '确定',
    create: '新建',
    edit: '编辑',
    search: '搜索',
    reset: '重置',
    reload: '重新加载',
    retry: '重试',
    actions: '操作',
    all: '全部',
    none: '无',
    yes: '是',
    no: '否',
    loading: '加载中…',
    readOnly: '只读',
    status: '状态',
    saved: '已保存',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    total: '共 {n} 条',
    close: '关闭',
    pickStore: '选择门店',
    empty: '暂无数据',
    // Between the items of a list in one line: 冷库、操作间 / cold room, prep room.
    listSeparator: '、',
  },
  roles: {
    admin: '管理员',
    store_manager: '店长',
    supervisor: '主管',
    hq_promotions: '总部促销部',
  },
  departmentKinds: {
    fresh: '生鲜',
    dry: '干货',
    non_food: '非食品',
  },
  nav: {
    stocktakes: '盘点',
    home: '首页',
    users: '用户',
    stores: '门店',
    audit: '审计日志',
    products: '商品',
    inventory: '库存',
    feeds: '数据导入',
    profile: '个人资料',
    menu: '菜单',
    kpi: '经营看板',
    budgets: '预算',
    ranking: '门店排名',
  },
  header: {
    logout: '退出登录',
    loggedOut: '已退出登录',
  },
  login: {
    title: '登录',
    subtitle: '超市门店运营管理系统',
    username: '用户名',
    password: '密码',
    submit: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    invalidCredentials: '用户名或密码错误',
    tooManyRequests: '登录尝试过于频繁，请 {seconds} 秒后再试',
    tooManyRequestsMinutes: '登录尝试过于频繁，请 {minutes} 分钟后再试',
    tooManyRequestsNoWait: '登录尝试过于频繁，请稍后再试',
    passwordChangeRequired: '该账号仍在使用默认密码，请联系管理员为你设置密码',
    sessionExpired: '登录已失效，请重新登录',
  },
  errors: {
    network_error: '无法连接服务器，请检查网络',
    conflict: '数据已被他人修改，请重新加载后再试',
    forbidden: '你没有权限执行此操作',
    not_found: '记录不存在或你无权查看',
    duplicate: '该记录已存在',
    validation_failed: '请检查填写的内容',
    generic: '操作失败：{message}',
    loadFailed: '加载失败：{message}',
  },
  pages: {
    forbiddenTitle: '无权访问',
    forbiddenText: '你的角色不能打开这个页面。如需权限，请联系管理员。',
    notFoundTitle: '页面不存在',
    notFoundText: '你要找的页面不存在，可能已被移动或删除。',
    backHome: '返回首页',
  },
}

export type MessageSchema = typeof zhCN
export default zhCN
