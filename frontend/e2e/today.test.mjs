// The Today home of store staff against the real binary: super1 on a phone sees the demo's
// expiring lots as cards in the server's order, with priority word and deadline, and badge
// counts in the menu; a stocktake started meanwhile appears after a refresh and its card
// opens the counting screen; the list follows the UI language; a supervisor with nothing
// to do sees the empty state; manager1 at desktop size reaches the cockpit from the home.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { DESKTOP, launchBrowser, login, PASSWORD, screenshot, settle } from './helpers/browser.mjs'
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

/** A signed-in API client from Node (own cookie jar), for set-up and checks. */
async function apiAs(username) {
  const res = await fetch(`${server.baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 200, `login ${username}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${server.baseURL}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

const cardTitles = (page) => page.locator('[data-testid^="today-entry-"] .entry-title').allInnerTexts()

test('super1 on a phone: Today cards, badges in the menu, a new stocktake after refresh opens counting', async () => {
  const api = await apiAs('super1')
  const page = await browser.session(PHONE_390)
  const answered = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/me/today')
  await login(page, 'super1')
  await page.getByTestId('home-supervisor').waitFor()
  assert.equal(new URL((await answered).url()).searchParams.get('lang'), 'zh-CN', 'the UI language is asked for')
  await page.getByTestId('today-entries').waitFor()

  // The cards are the server's entries in the server's order.
  const inbox = (await api('GET', '/me/today?lang=zh-CN')).body
  assert.deepEqual(await cardTitles(page), inbox.items.map((e) => e.title))
  const first = page.getByTestId('today-entry-0')
  assert.equal(await first.getAttribute('data-priority'), inbox.items[0].priority)
  assert.match(await first.innerText(), /紧急/, 'the priority is said in words, not colour alone')
  assert.ok((await first.boundingBox()).height >= 56, 'a big touch target')
  // Which entry comes first depends on the hour (an order cut-off turns urgent near it), so
  // the lots' entry is found by its kind.
  const lots = inbox.items.findIndex((e) => e.kind === 'inventory.lots_expiring')
  assert.ok(lots >= 0, 'the demo has lots expiring')
  assert.match(await page.getByTestId(`today-entry-${lots}`).innerText(), /(今天|明天) 24:00 截止/, 'lots are due at the end of their day')
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE_390.width, 'no sideways scrolling')
  assert.deepEqual(await seriousViolations(page, ['[data-testid="today"]', '[data-testid="home-cockpit-link"]']), [])
  await screenshot(page, 'today-supervisor-phone')

  // The menu button carries a dot; in the drawer the inventory entry shows the count.
  await page.locator('[data-testid="nav-toggle-badge"] .el-badge__content.is-dot').waitFor()
  await page.getByTestId('nav-toggle').click()
  await page.getByTestId('nav-profile').waitFor()
  await settle(page)
  assert.equal(await page.getByTestId('badge-inventory').innerText(), String(inbox.badges.inventory))
  assert.equal(await page.getByTestId('badge-stocktakes').count(), 0, 'no stocktake work yet')
  assert.deepEqual(await seriousViolations(page, ['[data-testid="side-nav"]']), [])
  await screenshot(page, 'today-badges-drawer-phone')
  await page.keyboard.press('Escape')
  await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' })

  // A stocktake is started meanwhile: the refresh button brings its card, and the badge.
  const planned = await api('POST', '/stores/1/stocktakes', { scope: 'cycle', department_code: 'produce', categories: ['叶菜'], blind: true, zones: ['销售区'] })
  assert.equal(planned.status, 201, JSON.stringify(planned.body))
  const id = planned.body.id
  assert.equal((await api('POST', `/stocktakes/${id}/start`, {})).status, 200)
  await page.getByTestId('today-refresh').click()
  const card = page.locator('[data-testid^="today-entry-"][data-kind="stocktake.count"]')
  await card.getByText(`盘点 #${id} 清点中`).waitFor()
  assert.match(await card.innerText(), /一般/)
  await page.getByTestId('nav-toggle').click()
  await page.getByTestId('badge-stocktakes').getByText('1').waitFor()
  await page.keyboard.press('Escape')
  await page.getByTestId('nav-drawer').waitFor({ state: 'hidden' })

  await card.click()
  await page.getByTestId('counting-view').waitFor()
  assert.equal(new URL(page.url()).search, `?id=${id}&view=count`)

  // In English the server words the titles in English.
  await page.goto('/')
  await page.getByTestId('lang-switch').click()
  await page.getByTestId('today').getByText('Today', { exact: true }).waitFor()
  await page.locator('[data-testid^="today-entry-"]').getByText(`Count stocktake #${id}`).waitFor()
  assert.match(await page.getByTestId('today-entry-0').innerText(), /Urgent/)
  await screenshot(page, 'today-supervisor-en-phone')
})

test('a supervisor with nothing to do sees the empty state', async () => {
  const admin = await apiAs('admin')
  // Dry goods keep for months: the demo has no lots of them expiring.
  const created = await admin('POST', '/users', {
    username: 'super9',
    display_name: '钱主管（干货）',
    role: 'supervisor',
    store_id: 1,
    department_codes: ['dry'],
    password: PASSWORD,
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const page = await browser.session(PHONE_390)
  await login(page, 'super9')
  await page.getByTestId('today-empty').getByText('今天没有待办').waitFor()
  assert.equal(await page.locator('[data-testid^="badge-"]').count(), 0)
  await screenshot(page, 'today-empty-phone')
})

test('manager1 at desktop size: Today beside the way to the cockpit', async () => {
  const page = await browser.session({ width: 1440, height: 900 })
  await login(page, 'manager1')
  await page.getByTestId('today-entries').waitFor()
  await page.getByTestId('badge-inventory').waitFor()
  const list = await page.getByTestId('today').boundingBox()
  const cockpit = await page.getByTestId('home-cockpit-link').boundingBox()
  assert.ok(cockpit.x > list.x + list.width - 1, 'the cockpit card stands beside the list')
  await screenshot(page, 'today-manager-desktop')
  await page.getByTestId('home-cockpit-link').click()
  await page.getByTestId('kpi-page').waitFor()
  await page.getByTestId('kpi-card-sales').waitFor()
  assert.equal(new URL(page.url()).pathname, '/kpi')
  await page.setViewportSize(DESKTOP)
})

test('no page error or CSP violation was seen', () => {
  assert.deepEqual(browser.problems, [])
})
