// The language switch turns the interface into English and the choice survives a reload.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, login, screenshot } from './helpers/browser.mjs'

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

const navText = (page, key) => page.getByTestId(`nav-${key}`).innerText()

test('switching to English changes the nav and survives a reload', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('home-admin').waitFor()
  assert.equal(await navText(page, 'users'), '用户')
  assert.equal(await navText(page, 'audit'), '审计日志')

  await page.getByTestId('lang-switch').click()
  await page.getByTestId('nav-users').getByText('Users').waitFor()
  assert.equal(await navText(page, 'home'), 'Home')
  assert.equal(await navText(page, 'stores'), 'Stores')
  assert.equal(await navText(page, 'audit'), 'Audit log')
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')

  await page.reload()
  await page.getByTestId('home-admin').waitFor()
  assert.equal(await navText(page, 'profile'), 'Profile')
  await page.getByTestId('count-users').waitFor()
  await screenshot(page, 'home-admin-en')
  assert.match(await page.getByTestId('current-role').innerText(), /Admin/)

  await page.getByTestId('lang-switch').click()
  await page.getByTestId('nav-profile').getByText('个人资料').waitFor()
})

test('the login page has the switch too', async () => {
  const page = await browser.session()
  await page.getByTestId('lang-switch').click()
  await page.getByTestId('login-submit').getByText('Sign in').waitFor()
  await page.getByTestId('login-username').fill('admin')
  await page.getByTestId('login-password').fill('wrong-password')
  await page.getByTestId('login-submit').click()
  assert.match(await page.getByTestId('login-error').innerText(), /Wrong username or password/)
})

test('page texts arrive with their page and follow the language, before and after a switch', async () => {
  const page = await browser.session()
  const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true })
  const noRawKeys = async () => assert.doesNotMatch(await page.locator('main').innerText(), /\b(stocktakes|audit|products)\.[a-z]\w*\.?/)
  await login(page, 'admin')
  await page.getByTestId('home-admin').waitFor()

  // Loaded in Chinese, then switched: the texts already loaded change language.
  await page.getByTestId('nav-stocktakes').click()
  await heading('盘点').waitFor()
  await noRawKeys()
  await page.getByTestId('lang-switch').click()
  await heading('Stocktakes').waitFor()

  // First opened after the switch: loaded and shown in English, and back in Chinese.
  await page.getByTestId('nav-audit').click()
  await heading('Audit log').waitFor()
  await noRawKeys()
  await page.getByTestId('lang-switch').click()
  await heading('审计日志').waitFor()

  // Opened straight from the address bar: the texts are there before the page shows.
  await page.goto('/products')
  await heading('商品').waitFor()
  await noRawKeys()
})
