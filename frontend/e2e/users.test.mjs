// The users and stores screens: an admin creates a user who can then sign in,
// edits with version checks, and store managers / HQ get read-only views.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, login, screenshot, waitForValue } from './helpers/browser.mjs'

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

async function pickOption(page, selectTestId, optionText) {
  await page.getByTestId(selectTestId).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: optionText }).first().click()
}

/** Calls the API from the page with the session cookie and CSRF token, as the SPA does. */
function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('storeops.csrf') ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body },
  )
}

test('admin creates a supervisor who can then sign in', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('nav-users').click()
  await page.getByTestId('users-table').getByText('super1', { exact: true }).waitFor() // exact: the demo has super1b too

  await page.getByTestId('user-create').click()
  const dialog = page.getByTestId('user-dialog')
  await dialog.getByTestId('user-username').fill('super9')
  await dialog.getByTestId('user-display-name').fill('赵九')
  await dialog.getByTestId('user-role-supervisor').click()
  await pickOption(page, 'user-store', '上海浦东店')
  await dialog.getByTestId('user-dept-produce').click()
  await dialog.getByTestId('user-password').fill('secret-pass-9')
  await dialog.getByTestId('user-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId('users-table').getByText('super9').waitFor()

  const fresh = await browser.session()
  await login(fresh, 'super9', 'secret-pass-9')
  await fresh.getByTestId('home-supervisor').waitFor()
  assert.match(await fresh.getByTestId('home-supervisor').innerText(), /赵九/)
  // Their home is the Today list since issue 9 (it was the KPI cockpit's department tabs):
  // the demo's expiring produce lots, and nothing of departments they do not look after.
  const today = fresh.getByTestId('today-entries')
  await today.locator('.dept').getByText('果蔬').first().waitFor()
  assert.deepEqual([...new Set(await today.locator('.dept').allInnerTexts())], ['果蔬'])
})

test('a taken username is shown next to the username field', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('home-admin').waitFor()
  await page.goto('/users')
  await page.getByTestId('user-create').click()
  const dialog = page.getByTestId('user-dialog')
  await dialog.getByTestId('user-username').fill('super1')
  await dialog.getByTestId('user-display-name').fill('重复')
  await dialog.getByTestId('user-role-hq_promotions').click()
  await dialog.getByTestId('user-password').fill('another-pass-1')
  await dialog.getByTestId('user-save').click()
  await dialog.getByTestId('user-form-error').waitFor()
  const fieldError = dialog.locator('.el-form-item', { has: page.getByTestId('user-username') }).locator('.el-form-item__error')
  assert.equal((await fieldError.innerText()).trim(), '该用户名已被使用')
  assert.ok(await dialog.isVisible(), 'the dialog stays open')
})

test('server field errors of the password form appear under the fields', async () => {
  const page = await browser.session()
  await login(page, 'super1')
  await page.getByTestId('nav-profile').click()
  await page.getByTestId('current-password').fill('not-my-password')
  await page.getByTestId('new-password').fill('brand-new-pass')
  await page.getByTestId('confirm-password').fill('brand-new-pass')
  await page.getByTestId('change-password').click()
  const form = page.getByTestId('password-form')
  const fieldError = form.locator('.el-form-item', { has: page.getByTestId('current-password') }).locator('.el-form-item__error')
  await fieldError.waitFor()
  assert.match(await fieldError.innerText(), /current password/)
  assert.match(await form.innerText(), /请检查填写的内容/)
})

test('a stale version is refused and the admin is told to reload', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('home-admin').waitFor()
  await page.goto('/users')
  await page.getByTestId('user-edit-super1').click()
  const dialog = page.getByTestId('user-dialog')
  await dialog.getByTestId('user-display-name').waitFor()

  const found = await apiCall(page, 'GET', '/users?q=super1')
  const target = found.body.items.find((u) => u.username === 'super1')
  const bumped = await apiCall(page, 'PATCH', `/users/${target.id}`, { display_name: '王主管（改）', version: target.version })
  assert.equal(bumped.status, 200, JSON.stringify(bumped.body))

  await dialog.getByTestId('user-display-name').fill('王主管（再改）')
  await dialog.getByTestId('user-save').click()
  const error = dialog.getByTestId('user-form-error')
  await error.waitFor()
  assert.match(await error.innerText(), /重新加载/)
  await dialog.getByTestId('user-reload').click()
  // The reload is a request: wait for the form to show the fresh value.
  assert.equal(await waitForValue(dialog.getByTestId('user-display-name'), '王主管（改）'), '王主管（改）')
  await dialog.getByTestId('user-save').click()
  await dialog.waitFor({ state: 'hidden' })
})

test('the audit log shows the changes with before and after', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('nav-audit').click()
  const table = page.getByTestId('audit-table')
  await table.locator('.el-table__row').first().waitFor()
  await table.locator('.el-table__expand-icon').first().click()
  await table.locator('[data-testid^="audit-diff-"]').first().waitFor()
  await screenshot(page, 'audit-desktop')
  // The filters are choices in words (the server matches the code exactly).
  const filtered = page.waitForResponse((r) => r.url().includes('/audit?') && r.url().includes('entity_type=user'))
  await pickOption(page, 'audit-entity-type', '用户')
  await filtered
  await table.locator('.el-table__row').first().waitFor()
  for (const type of await table.locator('.el-table__row').allInnerTexts()) assert.match(type, /用户/)
})

test('a store manager sees the users of their store read-only', async () => {
  const page = await browser.session()
  await login(page, 'manager1')
  await page.getByTestId('nav-users').click()
  await page.getByTestId('read-only').waitFor()
  await page.getByTestId('users-table').getByText('super1', { exact: true }).waitFor() // exact: the demo has super1b too
  assert.equal(await page.getByTestId('user-create').count(), 0)
  assert.equal(await page.locator('[data-testid^="user-edit-"]').count(), 0)
  assert.equal(await page.getByTestId('users-table').getByText('hq1', { exact: true }).count(), 0)
})

test('admin edits stores; HQ sees them read-only', async () => {
  const page = await browser.session()
  await login(page, 'admin')
  await page.getByTestId('nav-stores').click()
  const table = page.getByTestId('stores-table')
  for (const name of ['上海浦东店', '上海徐汇店', '广州天河店']) await table.getByText(name).waitFor()
  const dryChecked = async () => {
    const box = page.getByTestId('store-departments-dialog').getByTestId('store-dept-dry')
    await box.waitFor()
    await page.getByTestId('store-departments-save').and(page.locator(':enabled')).waitFor()
    return (await box.getAttribute('class')).includes('is-checked')
  }
  const openDepartments = () => table.locator('[data-testid^="store-departments-"]').first().click()
  const dialog = page.getByTestId('store-departments-dialog')

  await openDepartments()
  const before = await dryChecked()
  assert.ok((await dialog.locator('.el-checkbox.is-checked').count()) >= 1, 'the store runs departments')
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
  await screenshot(page, 'store-departments-desktop')
  await dialog.getByTestId('store-dept-dry').click()
  await dialog.getByTestId('store-departments-save').click()
  await dialog.waitFor({ state: 'hidden' })

  await openDepartments()
  assert.equal(await dryChecked(), !before, 'the change was saved')
  await dialog.getByTestId('store-dept-dry').click()
  await dialog.getByTestId('store-departments-save').click()
  await dialog.waitFor({ state: 'hidden' })

  const hq = await browser.session()
  await login(hq, 'hq1')
  await hq.getByTestId('nav-stores').click()
  await hq.getByTestId('read-only').waitFor()
  await hq.getByTestId('stores-table').getByText('广州天河店').waitFor()
  assert.equal(await hq.getByTestId('store-create').count(), 0)
})
