// Every page, as the roles that use it, on a phone and on a desktop: axe-core finds no
// serious or critical accessibility problem (contrast, names of controls, keyboard reach).
// The stocktake views (counting, variance, history) open from the demo's finished stocktake.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { DESKTOP, launchBrowser, login, settle } from './helpers/browser.mjs'
import { seriousViolations } from './helpers/axe.mjs'

const PHONE_390 = { width: 390, height: 844 }

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser(server.baseURL)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

/** Pages by the user who opens them, with the element that says the page is there. */
const PAGES = {
  admin: [['/', 'home-admin'], ['/kpi', 'kpi-page'], ['/ranking', 'ranking-page'], ['/products', 'products-page'],
    ['/inventory', 'inventory-page'], ['/feeds', 'feeds-page'], ['/users', 'users-page'], ['/stores', 'stores-page'],
    ['/audit', 'audit-page'], ['/profile', 'profile-page']],
  manager1: [['/', 'home-store_manager'], ['/kpi', 'kpi-page'], ['/budgets', 'budgets-page'],
    ['/stocktakes', 'stocktakes-page'], ['/stocktakes?view=history', 'stocktakes-page']],
  super1: [['/', 'home-supervisor'], ['/inventory', 'inventory-page'], ['/stocktakes', 'stocktakes-page']],
  hq1: [['/', 'home-hq_promotions'], ['/ranking', 'ranking-page']],
}

for (const [name, viewport] of [['phone', PHONE_390], ['desktop', DESKTOP]]) {
  test(`no serious or critical axe findings on any page (${name})`, async () => {
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
        await page.goto(path)
        await page.getByTestId(testid).waitFor()
        await check(page, `${user} ${path}`)
      }
    }
    assert.deepEqual(found, [])
  })
}
