// Signing in and out: wrong passwords, redirects back to the page asked for,
// the 404 page and logging out.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, login } from './helpers/browser.mjs'

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

test('a wrong password shows a clear error and keeps the user on the login page', async () => {
  const page = await browser.session()
  await login(page, 'super1', 'not-the-password')
  const error = page.getByTestId('login-error')
  await error.waitFor()
  assert.match(await error.innerText(), /用户名或密码错误/)
  assert.equal(new URL(page.url()).pathname, '/login')
})

test('opening a page signed out goes to login and back to that page after sign-in', async () => {
  const page = await browser.session()
  await page.goto('/audit')
  await page.getByTestId('login-username').waitFor()
  const url = new URL(page.url())
  assert.equal(url.pathname, '/login')
  assert.equal(url.searchParams.get('redirect'), '/audit')
  await login(page, 'manager1')
  await page.getByTestId('audit-page').waitFor()
  assert.equal(new URL(page.url()).pathname, '/audit')
})

test('the session survives a reload and ends on logout', async () => {
  const page = await browser.session()
  await login(page, 'hq1')
  await page.getByTestId('home-hq_promotions').waitFor()
  await page.reload()
  await page.getByTestId('home-hq_promotions').waitFor()
  assert.match(await page.getByTestId('current-user').innerText(), /总部促销部/)
  await page.getByTestId('logout').click()
  await page.getByTestId('login-username').waitFor()
  await page.goto('/')
  await page.getByTestId('login-username').waitFor()
  assert.equal(new URL(page.url()).pathname, '/login')
})

test('an unknown address shows the not-found page', async () => {
  const page = await browser.session()
  await page.goto('/no/such/page')
  await page.getByTestId('not-found-page').waitFor()
})

test('repeated wrong passwords are rate limited with a clear message', async () => {
  const page = await browser.session()
  let status = 0
  for (let attempt = 0; attempt < 10 && status !== 429; attempt++) {
    const answered = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/auth/login')
    await login(page, 'admin', `wrong-${attempt}`)
    status = (await answered).status()
  }
  assert.equal(status, 429)
  await page.getByTestId('login-error').getByText(/登录尝试过于频繁，请 \d+ (分钟|秒)后再试/).waitFor()
})

test('no page error or CSP violation was seen', () => {
  assert.deepEqual(browser.problems, [])
})

test('the sign-in page loads without asking for a session, and a new tab finds the session', async () => {
  const page = await browser.session()
  const asked = []
  const errors = []
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.startsWith('/api/')) asked.push(new URL(req.url()).pathname)
  })
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text())
  })
  await page.goto('/login')
  await page.getByTestId('login-username').waitFor()
  await page.goto('/audit')
  await page.getByTestId('login-username').waitFor()
  assert.deepEqual(asked, [], 'no API call before signing in')
  assert.deepEqual(errors, [], 'no console error on the sign-in page')
  await login(page, 'manager1')
  await page.getByTestId('audit-page').waitFor()
  // A new tab has no sessionStorage, but the browser's session cookie and the signed-in flag.
  const tab = await browser.context.newPage()
  await tab.goto('/audit')
  await tab.getByTestId('audit-page').waitFor()
  await tab.close()
})
