// The application's pages that appear in the side navigation, in one typed list.
// A later module adds its page here (path, component, roles) and the router and the
// menu both pick it up; the server still checks every call on its own.
import type { Component } from 'vue'
import type { RouteComponent } from 'vue-router'
import { House, User, Shop, Document, Avatar, Goods, Box, UploadFilled, DataAnalysis, Wallet, Trophy, Checked, Calendar, Van, ShoppingCart, Delete, RefreshLeft, Promotion, FirstAidKit, ChatLineSquare, PriceTag, Warning, Bell, List, Notebook, Memo } from '@element-plus/icons-vue'
import { ROLES, type Role } from '@/api/types'

export interface NavItem {
  /** Used for the route name, `data-testid="nav-<key>"` and the label `nav.<key>`. */
  key: string
  path: string
  icon: Component
  /** Roles that may open the page. */
  roles: readonly Role[]
  /** Roles that may change things on the page; the others get it read-only. */
  writeRoles: readonly Role[]
  component: () => Promise<RouteComponent>
  /** Pages under this one (`/ordering/42`): their own routes, the same roles and menu entry. */
  subpages?: readonly NavSubpage[]
}

/** A page reached from a nav item's page rather than from the menu. */
export interface NavSubpage {
  /** The route name. */
  name: string
  /** Relative to the item's path, e.g. `:id(\\d+)`. */
  path: string
  component: () => Promise<RouteComponent>
}

export const NAV_ITEMS: readonly NavItem[] = [
  {
    key: 'home',
    path: '/',
    icon: House,
    roles: ROLES,
    writeRoles: ROLES,
    component: () => import('@/pages/home/HomePage.vue'),
  },
  {
    key: 'kpi',
    path: '/kpi',
    icon: DataAnalysis,
    // Everyone reads KPIs of their scope; supervisors see their own departments only.
    roles: ROLES,
    writeRoles: [],
    component: () => import('@/pages/kpi/KpiPage.vue'),
  },
  {
    key: 'budgets',
    path: '/budgets',
    icon: Wallet,
    roles: ROLES,
    writeRoles: ['admin', 'store_manager'],
    component: () => import('@/pages/budgets/BudgetsPage.vue'),
  },
  {
    key: 'ranking',
    path: '/ranking',
    icon: Trophy,
    roles: ['admin', 'hq_promotions'],
    writeRoles: [],
    component: () => import('@/pages/ranking/RankingPage.vue'),
  },
  {
    key: 'products',
    path: '/products',
    icon: Goods,
    roles: ROLES,
    writeRoles: ['admin'],
    component: () => import('@/pages/catalog/ProductsPage.vue'),
  },
  {
    key: 'suppliers',
    path: '/suppliers',
    icon: Van,
    // Everyone reads who delivers what, and when to order; admins keep the list.
    roles: ROLES,
    writeRoles: ['admin'],
    component: () => import('@/pages/suppliers/SuppliersPage.vue'),
  },
  {
    key: 'inventory',
    path: '/inventory',
    icon: Box,
    roles: ROLES,
    writeRoles: [],
    component: () => import('@/pages/inventory/InventoryPage.vue'),
  },
  {
    key: 'stocktakes',
    path: '/stocktakes',
    icon: Checked,
    // Supervisors (their departments) plan and count, store managers also approve; HQ reads.
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/stocktakes/StocktakesPage.vue'),
  },
  {
    // Order plans (订货); a plan's editor and the forecast accuracy report are pages under it.
    key: 'ordering', path: '/ordering', icon: ShoppingCart,
    // Store staff plan, edit, submit and receive (supervisors their departments), store
    // managers approve; HQ reads. The buttons of one plan come from its allowed_actions.
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/ordering/OrderingPage.vue'),
    subpages: [
      { name: 'ordering-accuracy', path: 'accuracy', component: () => import('@/pages/ordering/AccuracyPage.vue') },
      { name: 'ordering-plan', path: ':id(\\d+)', component: () => import('@/pages/ordering/PlanEditor.vue') },
    ],
  },
  {
    // Shrink (损耗): write-offs, their approval, markdowns with labels, the report and settings
    // as tabs of one page; a markdown's printable label is a page under it.
    key: 'shrink', path: '/shrink', icon: Delete,
    // Supervisors write off and mark down (their departments), store managers also approve
    // and keep the settings; HQ reads. The buttons of one record come from its allowed_actions.
    roles: ['admin', 'store_manager', 'supervisor', 'hq_promotions'],
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/shrink/ShrinkPage.vue'),
    subpages: [{ name: 'shrink-label', path: 'markdowns/:id(\\d+)/label', component: () => import('@/pages/shrink/LabelPage.vue') }],
  },
  {
    key: 'feeds',
    path: '/feeds',
    icon: UploadFilled,
    // Supervisors upload goods receipts only (see pages/feeds/feedAccess.ts).
    roles: ['admin', 'store_manager', 'supervisor'],
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/feeds/FeedsPage.vue'),
  },
  {
    // Recalls (召回) by lot or receiving range: admins start them; store staff see their own
    // store's line, HQ promotions reads the chain's. One recall's stores are a page under it.
    key: 'recalls',
    path: '/recalls',
    icon: RefreshLeft,
    roles: ['admin', 'store_manager', 'supervisor', 'hq_promotions'],
    writeRoles: ['admin'],
    component: () => import('@/pages/recalls/RecallsPage.vue'),
    subpages: [{ name: 'recall', path: ':id(\\d+)', component: () => import('@/pages/recalls/RecallDetail.vue') }],
  },
  {
    // Promotions (促销执行): HQ promotions plans and publishes campaigns and follows compliance
    // and effect; store managers and supervisors see the campaigns published to their store,
    // complete its tasks and write its review (the server checks each call). A store manager
    // also plans, publishes and changes their own store's in-store promotions (店内促销).
    key: 'campaigns',
    path: '/campaigns',
    icon: Promotion,
    roles: ['admin', 'store_manager', 'supervisor', 'hq_promotions'],
    writeRoles: ['admin', 'hq_promotions', 'store_manager'],
    component: () => import('@/pages/campaigns/CampaignsPage.vue'),
    subpages: [
      { name: 'campaign-new', path: 'new', component: () => import('@/pages/campaigns/CampaignEditor.vue') },
      { name: 'campaign-edit', path: ':id(\\d+)/edit', component: () => import('@/pages/campaigns/CampaignEditor.vue') },
      { name: 'campaign', path: ':id(\\d+)', component: () => import('@/pages/campaigns/CampaignDetail.vue') },
    ],
  },
  {
    // Safety and hygiene (安全卫生): inspections, what is due today, corrective actions and the
    // checklists as tabs whose address names them (/safety/due, /safety/actions?mine=true, the
    // Today inbox's links); an inspection being filled and one inspection are pages under it.
    // Supervisors inspect their departments and put failures right, store managers also
    // verify; HQ quality reads every store (and keeps the chain's checklists on the server).
    key: 'safety',
    path: '/safety',
    icon: FirstAidKit,
    roles: ['admin', 'store_manager', 'supervisor', 'hq_quality'],
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/safety/SafetyPage.vue'),
    subpages: [
      { name: 'safety-due', path: 'due', component: () => import('@/pages/safety/SafetyPage.vue') },
      { name: 'safety-actions', path: 'actions', component: () => import('@/pages/safety/SafetyPage.vue') },
      { name: 'safety-checklists', path: 'checklists', component: () => import('@/pages/safety/SafetyPage.vue') },
      { name: 'safety-equipment', path: 'equipment', component: () => import('@/pages/safety/SafetyPage.vue') },
      { name: 'coldchain-equipment', path: 'equipment/:id(\\d+)', component: () => import('@/pages/coldchain/EquipmentDetail.vue') },
      { name: 'safety-inspection-new', path: 'inspections/new', component: () => import('@/pages/safety/InspectionRun.vue') },
      { name: 'safety-inspection', path: 'inspections/:id(\\d+)', component: () => import('@/pages/safety/InspectionDetail.vue') },
      { name: 'safety-scores', path: 'scores', component: () => import('@/pages/safetyReports/ScoresPage.vue') },
    ],
  },
  {
    // Daily tasks (日常任务): supervisors see their day's tasks as cards and mark them done
    // (note, camera photo); the store manager assigns ad-hoc tasks, watches the load
    // gatekeeper and edits the templates. The Today inbox's task entries badge this entry.
    key: 'tasks',
    path: '/tasks',
    icon: List,
    roles: ['admin', 'store_manager', 'supervisor'],
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/tasks/TasksPage.vue'),
  },
  {
    // Team meetings (例会): the store manager and supervisors record a meeting's attendees, notes
    // and action items, which become tasks; one meeting with its items' task status is a page
    // under it, which those tasks link back to.
    key: 'meetings',
    path: '/meetings',
    icon: Memo,
    roles: ['admin', 'store_manager', 'supervisor'],
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/meetings/MeetingsPage.vue'),
    subpages: [{ name: 'meeting', path: ':id(\\d+)', component: () => import('@/pages/meetings/MeetingDetail.vue') }],
  },
  {
    // The risk register (风险登记): everyone reads the chain's risks and their response
    // measures; admins and HQ quality keep them.
    key: 'risks',
    path: '/risks',
    icon: Warning,
    roles: ROLES,
    writeRoles: ['admin', 'hq_quality'],
    component: () => import('@/pages/risk/RisksPage.vue'),
  },
  {
    // Incidents (突发事件): store staff log them against a risk and add response actions; store
    // managers and head office follow the board; one incident with its timeline is a page under it.
    key: 'incidents',
    path: '/incidents',
    icon: Bell,
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor', 'hq_quality'],
    component: () => import('@/pages/risk/incidents/IncidentsPage.vue'),
    subpages: [{ name: 'incident', path: ':id(\\d+)', component: () => import('@/pages/risk/incidents/IncidentDetail.vue') }],
  },
  {
    // Pre-event readiness (活动前准备): HQ quality creates events and follows completion per
    // store; a store's manager and supervisors tick their checklist.
    key: 'readiness',
    path: '/readiness',
    icon: List,
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor', 'hq_quality'],
    component: () => import('@/pages/risk/readiness/ReadinessPage.vue'),
  },
  {
    // Staff training (员工培训) and health certificates (健康证): the store manager keeps the staff
    // register, plans sessions and records certificates; the store's staff tick attendance;
    // HQ quality reads every store's. Tabs by ?tab= (the Today inbox links to certificates).
    key: 'training',
    path: '/training',
    icon: Notebook,
    roles: ['admin', 'store_manager', 'supervisor', 'hq_quality'],
    writeRoles: ['admin', 'store_manager'],
    component: () => import('@/pages/training/TrainingPage.vue'),
  },
  {
    // Customer complaints (顾客投诉): store staff record and handle them (steps with photos,
    // resolve with compensation), the store manager reopens; everyone in scope reads them and
    // the report. The buttons of one complaint come from its allowed_actions.
    key: 'complaints',
    path: '/complaints',
    icon: ChatLineSquare,
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/complaints/ComplaintsPage.vue'),
  },
  {
    // Competitor price surveys (市调): store staff record surveys and ask for price changes; the
    // store manager turns a gap into a draft in-store promotion and decides the requests.
    key: 'price-surveys',
    path: '/price-surveys',
    icon: PriceTag,
    roles: ROLES,
    writeRoles: ['admin', 'store_manager', 'supervisor'],
    component: () => import('@/pages/priceSurveys/PriceSurveysPage.vue'),
  },
  {
    key: 'calendar',
    path: '/calendar',
    icon: Calendar,
    // Head office keeps the holidays and events the forecast plans by; stores read them.
    roles: ROLES,
    writeRoles: ['admin', 'hq_promotions'],
    component: () => import('@/pages/calendar/CalendarPage.vue'),
  },
  {
    key: 'users',
    path: '/users',
    icon: User,
    roles: ['admin', 'store_manager'],
    writeRoles: ['admin'],
    component: () => import('@/pages/org/users/UsersPage.vue'),
  },
  {
    key: 'stores',
    path: '/stores',
    icon: Shop,
    roles: ['admin', 'hq_promotions'],
    writeRoles: ['admin'],
    component: () => import('@/pages/org/stores/StoresPage.vue'),
  },
  {
    key: 'notifications',
    path: '/notifications',
    icon: Bell,
    // Admins configure the chain's channels; store managers read their store's.
    roles: ['admin', 'store_manager'],
    writeRoles: ['admin'],
    component: () => import('@/pages/notifications/NotificationsPage.vue'),
  },
  {
    key: 'audit',
    path: '/audit',
    icon: Document,
    roles: ['admin', 'store_manager'],
    writeRoles: [],
    component: () => import('@/pages/audit/AuditPage.vue'),
  },
  {
    key: 'profile',
    path: '/profile',
    icon: Avatar,
    roles: ROLES,
    writeRoles: ROLES,
    component: () => import('@/pages/profile/ProfilePage.vue'),
  },
]

/** The navigation entries a role may see, in menu order. */
export function navFor(role: Role | null, items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  if (!role) return []
  return items.filter((item) => item.roles.includes(role))
}

/** Whether a role may change things on the page with this key. */
export function canWrite(key: string, role: Role | null, items: readonly NavItem[] = NAV_ITEMS): boolean {
  const item = items.find((candidate) => candidate.key === key)
  return !!item && !!role && item.writeRoles.includes(role)
}
