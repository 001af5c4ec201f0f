// Each demo user signs in at a desktop size, sees exactly their navigation and
// their own home, and is kept out of pages their role may not open.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, login, screenshot, visibleNav } from './helpers/browser.mjs'

const USERS = [
  {
    username: 'admin',
    role: 'admin',
    nav: ['home', 'kpi', 'budgets', 'ranking', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'users', 'stores', 'notifications', 'audit', 'profile'],
    forbidden: null,
  },
  {
    username: 'manager1',
    role: 'store_manager',
    nav: ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'users', 'notifications', 'audit', 'profile'],
    forbidden: '/stores',
  },
  { username: 'super1', role: 'supervisor', nav: ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'profile'], forbidden: '/users' },
  { username: 'hq1', role: 'hq_promotions', nav: ['home', 'kpi', 'budgets', 'ranking', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'recalls', 'campaigns', 'risks', 'incidents', 'readiness', 'complaints', 'price-surveys', 'calendar', 'stores', 'profile'], forbidden: '/audit' },
  { username: 'qa1', role: 'hq_quality', nav: ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'safety', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'profile'], forbidden: '/audit' },
]

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

describe('demo users at desktop size', () => {
  for (const user of USERS) {
    test(`${user.username} sees the ${user.role} home and nav`, async () => {
      const page = await browser.session()
      await login(page, user.username)
      const home = page.getByTestId(`home-${user.role}`)
      await home.waitFor()
      assert.equal(new URL(page.url()).pathname, '/')
      assert.deepEqual(await visibleNav(page), user.nav)
      for (const other of ['home-admin', 'home-store_manager', 'home-supervisor', 'home-hq_promotions', 'home-hq_quality']) {
        if (other !== `home-${user.role}`) assert.equal(await page.getByTestId(other).count(), 0, other)
      }
      await page.waitForLoadState('networkidle')
      await assertHomeContent(page, user.role)
      await screenshot(page, `home-${user.role}-desktop`)

      if (user.forbidden) {
        await page.goto(user.forbidden)
        await page.getByTestId('forbidden-page').waitFor()
        assert.equal(new URL(page.url()).pathname, '/forbidden')
      }
    })
  }
})

/** Checks the home shows real data from the API for each role. */
async function assertHomeContent(page, role) {
  if (role === 'supervisor' || role === 'store_manager') {
    // Since issue 9 the home of store staff is their Today list (the KPI cockpit is one tap
    // away, checked below): entries of their own departments only, most urgent first.
    await page.getByTestId('store-name').getByText('上海浦东店').waitFor()
    await page.getByTestId('today-entries').waitFor()
    const links = await page.locator('[data-testid^="today-entry-"]').evaluateAll((els) => els.map((el) => el.getAttribute('href')))
    const departments = links.map((href) => new URL(href, 'http://x').searchParams.get('department_code')).filter(Boolean)
    assert.ok(departments.length > 0, `expiring lots of the demo are listed: ${links.join(' ')}`)
    if (role === 'supervisor') assert.ok(departments.every((d) => ['produce', 'meat', 'seafood'].includes(d)), departments.join())
    else assert.ok(departments.includes('deli'), `the manager sees every department: ${departments.join()}`)

    // The KPI cockpit of their store, limited to their departments for a supervisor.
    await page.getByTestId('home-cockpit-link').click()
    await page.getByTestId('kpi-dept-produce').waitFor()
    await page.getByTestId('kpi-card-sales').waitFor()
    if (role === 'supervisor') {
      for (const [code, name] of [['produce', '果蔬'], ['meat', '肉类'], ['seafood', '水产']]) {
        assert.match(await page.getByTestId(`kpi-dept-${code}`).innerText(), new RegExp(name))
      }
      assert.equal(await page.getByTestId('kpi-dept-dry').count(), 0)
    }
    await page.goBack()
    await page.getByTestId(`home-${role}`).waitFor()
    await page.getByTestId('today-entries').waitFor()
  } else if (role === 'hq_promotions' || role === 'hq_quality') {
    for (const name of ['上海浦东店', '上海徐汇店', '广州天河店']) await page.getByText(name).first().waitFor()
  } else {
    const users = await page.getByTestId('count-users').innerText()
    const stores = await page.getByTestId('count-stores').innerText()
    assert.ok(Number(users.replace(/\D/g, '')) >= 4, `users count: ${users}`)
    assert.match(stores, /3/)
  }
}
