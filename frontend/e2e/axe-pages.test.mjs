// Every page, as the roles that use it, on a phone and on a desktop: axe-core finds no
// serious or critical accessibility problem (contrast, names of controls, keyboard reach).
// Besides the navigation's pages: the form dialogs (product, user, store, calendar, supplier,
// new stocktake, new order plan, new recall) and the stocktake views — counting with its number pad open,
// and the variance review — on a stocktake the test plans and starts, the history of the
// demo's finished ones, and the order plan editor with a line's explanation on a plan the test
// creates; the shrink tabs (write-offs, approvals, markdowns, report, settings), the quick
// write-off and the manual markdown; the safety tabs (inspections, due today, corrective actions,
// checklists), a checklist being filled, one inspection and marking an action done; complaints and
// price surveys.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESKTOP, login, settle } from './helpers/browser.mjs'
import { apiAs, storeTomorrow, suite } from './helpers/suite.mjs'
import { seriousViolations } from './helpers/axe.mjs'

const PHONE_390 = { width: 390, height: 844 }

/** A started (counting) stocktake of store 1's produce, and one SKU of it. */
let counting
/** A draft order plan of store 1's produce and its first line (the editor and its "Why?"). */
let orderPlan
/** A markdown made from the first of store 1's suggestions (its label page). */
let markdownId
/** A demo inspection of store 1 and super1's open corrective action. */
let safety

/** Plans and starts the counting stocktake the views are opened on. */
async function planCounting({ server }) {
  const super1 = await apiAs(server.baseURL, 'super1')
  const planned = await super1('POST', '/stores/1/stocktakes', { scope: 'full', department_code: 'produce', blind: false, zones: ['冷库'] })
  assert.equal(planned.status, 201, JSON.stringify(planned.body))
  const started = await super1('POST', `/stocktakes/${planned.body.id}/start`)
  assert.equal(started.status, 200, JSON.stringify(started.body))
  const lines = await super1('GET', `/stocktakes/${planned.body.id}/variance?page_size=1`)
  assert.equal(lines.status, 200, JSON.stringify(lines.body))
  counting = { id: planned.body.id, sku: lines.body.items[0].sku }

  const store = await super1('GET', '/stores/1')
  const plan = await super1('POST', '/stores/1/order-plans', { department_code: 'produce', delivery_date: storeTomorrow(store.body.timezone) })
  assert.equal(plan.status, 201, JSON.stringify(plan.body))
  const planLines = await super1('GET', `/order-plans/${plan.body.id}/lines?page_size=1`)
  assert.equal(planLines.status, 200, JSON.stringify(planLines.body))
  orderPlan = { id: plan.body.id, sku: planLines.body.items[0].sku }

  const suggestions = await super1('GET', '/stores/1/markdown-suggestions')
  const suggestion = suggestions.body.items.find((s) => s.action === 'markdown')
  assert.ok(suggestion, JSON.stringify(suggestions.body))
  const { sku, qty, discount_pct, lot_id } = suggestion
  const markdown = await super1('POST', '/stores/1/markdowns', { sku, qty, discount_pct, lot_id, reason: 'near_expiry' })
  assert.equal(markdown.status, 201, JSON.stringify(markdown.body))
  markdownId = markdown.body.id

  // Safety: one of the demo's inspections of super1's store, and super1's open corrective action.
  const inspections = await super1('GET', '/stores/1/inspections?page_size=1')
  assert.equal(inspections.status, 200, JSON.stringify(inspections.body))
  const open = await super1('GET', '/stores/1/corrective-actions?mine=true&status=open')
  assert.equal(open.status, 200, JSON.stringify(open.body))
  assert.ok(inspections.body.items[0] && open.body.items[0], 'the demo has inspections and an open action for super1')
  safety = { inspection: inspections.body.items[0].id, action: open.body.items[0].id }
}

/** The safety records' ids put into a path or test id (`INSPECTION`, `ACTION`). */
const fill = (text) => text.replace('INSPECTION', String(safety.inspection)).replace('ACTION', String(safety.action))

const ctx = suite({ setup: planCounting })

/** Pages by the user who opens them, with the element that says the page is there. */
const PAGES = {
  admin: [['/', 'home-admin'], ['/kpi', 'kpi-page'], ['/ranking', 'ranking-page'], ['/products', 'products-page'],
    ['/inventory', 'inventory-page'], ['/feeds', 'feeds-page'], ['/users', 'users-page'], ['/stores', 'stores-page'],
    ['/audit', 'audit-page'], ['/notifications', 'notifications-page'], ['/calendar', 'calendar-page'], ['/suppliers', 'suppliers-page'], ['/profile', 'profile-page'],
    ['/shrink?tab=settings', 'settings-tab']],
  manager1: [['/', 'home-store_manager'], ['/kpi', 'kpi-page'], ['/budgets', 'budgets-page'],
    ['/stocktakes', 'stocktakes-page'], ['/stocktakes?view=history', 'stocktakes-page'], ['/shrink?tab=approvals', 'approvals-tab'],
    ['/shrink?tab=report', 'report-tab'], ['/shrink?tab=settings', 'settings-tab'], ['/campaigns/new', 'campaign-editor'],
    ['/safety/actions', 'actions-tab'], ['/safety/actions?status=done', 'actions-tab'], ['/complaints', 'complaints-page'],
    ['/price-surveys', 'price-surveys-page'], ['/incidents', 'incident-board'], ['/readiness', 'readiness-page'],
    ['/training?tab=overdue', 'overdue-tab'], ['/training?tab=employees', 'employees-tab'], ['/safety/scores', 'scores-page'],
    ['/meetings', 'meetings-page']],
  super1: [['/', 'home-supervisor'], ['/inventory', 'inventory-page'], ['/stocktakes', 'stocktakes-page'],
    ['/calendar', 'calendar-page'], ['/suppliers', 'suppliers-page'], ['/ordering', 'ordering-page'],
    ['/ordering/accuracy', 'ordering-accuracy-page'], ['/shrink', 'write-offs-tab'], ['/shrink?tab=markdowns', 'markdowns-tab'],
    ['/campaigns', 'store-tasks'], ['/campaigns?tab=list', 'campaigns-page'],
    ['/safety', 'inspections-tab'], ['/safety/due', 'due-tab'], ['/safety/actions?mine=true', 'actions-tab'],
    ['/safety/inspections/new', 'run-pick'], ['/safety/inspections/new?template_id=1&department_code=produce', 'item-1'],
    ['/safety/inspections/INSPECTION', 'detail-score'], ['/complaints', 'complaints-page'], ['/price-surveys', 'price-surveys-page'],
    ['/meetings', 'meetings-page'], ['/meetings/1', 'meeting-items-heading']],
  qa1: [['/', 'home-hq_quality'], ['/safety', 'inspections-tab'], ['/safety/checklists', 'checklist-1'], ['/risks', 'risks-page'],
    ['/readiness', 'readiness-chart']],
  hq1: [['/', 'home-hq_promotions'], ['/ranking', 'ranking-page'], ['/recalls', 'recalls-page'], ['/campaigns', 'campaigns-page'],
    ['/campaigns/new', 'campaign-editor']],
}

for (const [name, viewport] of [['phone', PHONE_390], ['desktop', DESKTOP]]) {
  test(`no serious or critical axe findings on any page (${name})`, async () => {
    const { browser } = ctx
    const found = []
    const check = async (page, where) => {
      await settle(page)
      await page.waitForTimeout(300)
      for (const v of await seriousViolations(page, ['body'])) found.push(`${where}: ${v.id} (${v.impact}) at ${v.nodes.join(' | ')}`)
    }
    let page = await browser.session(viewport)
    await check(page, '/login')
    await page.goto('/no/such/page')
    await page.getByTestId('not-found-page').waitFor()
    await check(page, '/no/such/page')
    for (const [user, pages] of Object.entries(PAGES)) {
      page = await browser.session(viewport)
      await login(page, user)
      await page.getByTestId(pages[0][1]).waitFor()
      for (const [path, testid] of pages) {
        await page.goto(fill(path))
        await page.getByTestId(testid).waitFor()
        await check(page, `${user} ${path}`)
      }
    }

    // Dialogs, opened from their pages.
    const dialogs = {
      admin: [['/products', 'product-create', 'product-dialog'], ['/users', 'user-create', 'user-dialog'],
        ['/stores', 'store-create', 'store-dialog'], ['/calendar', 'calendar-create', 'calendar-dialog'],
        ['/suppliers', 'supplier-create', 'supplier-dialog'], ['/recalls', 'recall-create', 'recall-dialog']],
      super1: [['/stocktakes', 'stocktake-new', 'stocktake-dialog'], ['/ordering', 'ordering-new', 'new-plan-dialog'],
        ['/shrink', 'write-off-new', 'write-off-dialog'], ['/shrink?tab=markdowns', 'markdown-new', 'markdown-dialog'],
        ['/safety/actions?mine=true&status=open', 'action-complete-ACTION', 'action-complete-dialog']],
    }
    for (const [user, list] of Object.entries(dialogs)) {
      page = await browser.session(viewport)
      await login(page, user)
      await page.waitForURL((url) => !url.pathname.startsWith('/login'))
      for (const [path, opener, dialog] of list) {
        await page.goto(fill(path))
        await page.getByTestId(fill(opener)).click()
        await page.getByTestId(dialog).waitFor()
        await check(page, `${user} ${path} ${dialog}`)
      }
    }

    // The counting view with its number pad (super1), the variance review (manager1).
    page = await browser.session(viewport)
    await login(page, 'super1')
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.goto(`/stocktakes?id=${counting.id}&view=count`)
    await page.getByTestId('counting-view').waitFor()
    await page.getByTestId('counting-search').fill(counting.sku)
    await page.getByTestId(`counting-pick-${counting.sku}`).click()
    await page.getByTestId('numpad').waitFor()
    await check(page, 'super1 counting + number pad')
    // The plan editor with its lines, and one line's explanation.
    await page.goto(`/ordering/${orderPlan.id}`)
    await page.getByTestId(viewport === DESKTOP ? 'lines-table' : `line-${orderPlan.sku}`).waitFor()
    await check(page, 'super1 order plan editor')
    await page.getByTestId(`line-why-${orderPlan.sku}`).click()
    await page.getByTestId('why-terms').waitFor()
    await check(page, 'super1 order line explanation')
    page = await browser.session(viewport)
    await login(page, 'manager1')
    await page.waitForURL((url) => !url.pathname.startsWith('/login'))
    await page.goto(`/stocktakes?id=${counting.id}&view=variance`)
    await page.getByTestId(viewport === DESKTOP ? 'variance-table' : `variance-card-${counting.sku}`).waitFor()
    await check(page, 'manager1 variance')
    // A markdown's printable label.
    await page.goto(`/shrink/markdowns/${markdownId}/label`)
    await page.getByTestId('label-barcode').waitFor()
    await check(page, 'manager1 markdown label')
    assert.deepEqual(found, [])
  })
}
