// The message modules: the texts of one area of pages, in a zh-CN.ts and an en.ts beside those
// pages (src/pages/<area>/i18n/), loaded with the area's routes instead of at start-up, so the
// login page does not carry every page's strings. Only the core (src/i18n/zh-CN.ts and en.ts:
// app shell, navigation, common words, errors, login) is in the entry.
//
// A module is named after its route in src/nav.ts; entering that route (or one whose
// meta.navKey names it) loads the module and the modules in its `uses`. A new page area adds
// `<area>/i18n/{zh-CN,en,index}.ts` (copy a small one, e.g. src/pages/ranking/i18n) and a line
// here; modules.spec.ts names any module a page's keys or imports need that `uses` lacks.

/** The texts of one module in both languages, as its index.ts exports them. */
export interface ModuleMessages {
  'zh-CN': Record<string, unknown>
  en: Record<string, unknown>
}

export interface MessageModule {
  /** Both languages in one chunk: a module's texts are small, and switching stays instant. */
  load: () => Promise<{ default: ModuleMessages }>
  /** Other modules whose keys these pages show, or whose components they embed (flattened). */
  uses: readonly string[]
}

export const MESSAGE_MODULES: Readonly<Record<string, MessageModule>> = {
  home: {
    load: () => import('@/pages/home/i18n'),
    // Staff homes link to the KPI cockpit and budgets (no longer embed the cockpit).
    uses: ['kpi', 'stores'],
  },
  kpi: { load: () => import('@/pages/kpi/i18n'), uses: ['inventory', 'products'] },
  budgets: { load: () => import('@/pages/budgets/i18n'), uses: [] },
  ranking: { load: () => import('@/pages/ranking/i18n'), uses: ['kpi', 'products', 'stores'] },
  products: { load: () => import('@/pages/catalog/i18n'), uses: ['imports', 'profile'] },
  suppliers: { load: () => import('@/pages/suppliers/i18n'), uses: ['profile'] },
  inventory: { load: () => import('@/pages/inventory/i18n'), uses: ['products'] },
  stocktakes: { load: () => import('@/pages/stocktakes/i18n'), uses: ['products'] },
  ordering: { load: () => import('@/pages/ordering/i18n'), uses: ['products'] },
  shrink: { load: () => import('@/pages/shrink/i18n'), uses: ['products'] },
  feeds: { load: () => import('@/pages/feeds/i18n'), uses: ['imports'] },
  users: { load: () => import('@/pages/org/users/i18n'), uses: ['profile'] },
  recalls: { load: () => import('@/pages/recalls/i18n'), uses: ['products'] },
  campaigns: { load: () => import('@/pages/campaigns/i18n'), uses: [] },
  safety: { load: () => import('@/pages/safety/i18n'), uses: ['products', 'coldchain'] },
  coldchain: { load: () => import('@/pages/coldchain/i18n'), uses: ['products'] },
  tasks: { load: () => import('@/pages/tasks/i18n'), uses: [] },
  meetings: { load: () => import('@/pages/meetings/i18n'), uses: ['products', 'tasks'] },
  risks: { load: () => import('@/pages/risk/i18n'), uses: [] },
  incidents: { load: () => import('@/pages/risk/incidents/i18n'), uses: ['risks'] },
  readiness: { load: () => import('@/pages/risk/readiness/i18n'), uses: [] },
  complaints: { load: () => import('@/pages/complaints/i18n'), uses: [] },
  training: { load: () => import('@/pages/training/i18n'), uses: ['products'] },
  'safety-scores': { load: () => import('@/pages/safetyReports/i18n'), uses: ['safety'] },
  'price-surveys': { load: () => import('@/pages/priceSurveys/i18n'), uses: [] },
  stores: { load: () => import('@/pages/org/stores/i18n'), uses: ['profile'] },
  audit: { load: () => import('@/pages/audit/i18n'), uses: [] },
  notifications: { load: () => import('@/pages/notifications/i18n'), uses: [] },
  calendar: { load: () => import('@/pages/calendar/i18n'), uses: ['profile'] },
  profile: { load: () => import('@/pages/profile/i18n'), uses: [] },
  // Not a route: the CSV import pieces shared by products and data feeds.
  imports: { load: () => import('@/components/import/i18n'), uses: [] },
}

export function isMessageModule(name: unknown): name is string {
  return typeof name === 'string' && Object.hasOwn(MESSAGE_MODULES, name)
}
