// The suppliers page against the real binary: the admin adds an egg farm, moves its order
// cut-off (once through a stale version that has to be read again), finds it in the list and
// by the status filter, and gives it to a product with a minimum order; a supervisor on a
// phone reads the suppliers as cards with no way to change them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, PHONE, screenshot, settle, signIn, waitForValue } from './helpers/browser.mjs'
import { suite } from './helpers/suite.mjs'

const ctx = suite()

async function search(page, text) {
  await page.getByTestId('supplier-search').fill(text)
  await page.getByTestId('supplier-search').press('Enter')
}

test('the admin keeps suppliers and assigns one to a product; a supervisor reads them', async () => {
  const { browser } = ctx
  // 1. The admin on a desktop: the demo's suppliers, then a new one.
  let page = await browser.session()
  await signIn(page, 'admin')
  await page.getByTestId('nav-suppliers').click()
  await page.getByTestId('suppliers-page').waitFor()
  const table = page.getByTestId('suppliers-table')
  await table.getByText('farm-base', { exact: true }).waitFor()
  assert.match(await table.innerText(), /dry-goods[\s\S]*干货经销商[\s\S]*3 天[\s\S]*16:00/)

  await page.getByTestId('supplier-create').click()
  const dialog = page.getByTestId('supplier-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('supplier-code').fill('egg-farm')
  await dialog.getByTestId('supplier-name').fill('蛋品合作社')
  await dialog.getByTestId('supplier-lead-time').locator('input').fill('2')
  await dialog.getByTestId('supplier-cutoff').fill('9:00')
  await dialog.getByTestId('supplier-contact').fill('021-5888 1010')
  await dialog.getByTestId('supplier-save').click()
  // The cut-off needs two-digit hours, as the server does; the dialog says so by the field.
  const cutoffError = dialog.locator('.el-form-item', { has: page.getByTestId('supplier-cutoff') }).locator('.el-form-item__error')
  await cutoffError.waitFor()
  assert.match(await cutoffError.innerText(), /HH:MM/)
  await dialog.getByTestId('supplier-cutoff').fill('11:00')
  await dialog.getByTestId('supplier-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const created = await apiCall(page, 'GET', '/suppliers?q=egg-farm')
  assert.equal(created.body.total, 1)
  const egg = created.body.items[0]
  assert.deepEqual([egg.name, egg.lead_time_days, egg.order_cutoff, egg.contact, egg.active], ['蛋品合作社', 2, '11:00', '021-5888 1010', true])

  // 2. Its cut-off moves to 10:30; someone else changed it meanwhile, so the dialog reads it again first.
  await search(page, 'egg')
  await table.getByText('蛋品合作社').waitFor()
  await page.getByTestId('supplier-edit-egg-farm').click()
  await dialog.waitFor()
  await settle(page)
  assert.equal(await dialog.getByTestId('supplier-cutoff').inputValue(), '11:00')
  const bumped = await apiCall(page, 'PATCH', `/suppliers/${egg.id}`, { contact: 'eggs@farm.example.cn', version: egg.version })
  assert.equal(bumped.status, 200, JSON.stringify(bumped.body))
  await dialog.getByTestId('supplier-cutoff').fill('10:30')
  await dialog.getByTestId('supplier-save').click()
  await dialog.getByTestId('supplier-reload').waitFor()
  await dialog.getByTestId('supplier-reload').click()
  assert.equal(await waitForValue(dialog.getByTestId('supplier-contact'), 'eggs@farm.example.cn'), 'eggs@farm.example.cn')
  await dialog.getByTestId('supplier-cutoff').fill('10:30')
  await dialog.getByTestId('supplier-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await table.getByText('10:30').waitFor()
  const row = await table.locator('.el-table__body tr', { hasText: 'egg-farm' }).innerText()
  assert.match(row, /egg-farm[\s\S]*蛋品合作社[\s\S]*2 天[\s\S]*10:30[\s\S]*eggs@farm\.example\.cn[\s\S]*启用/)
  await screenshot(page, 'suppliers-desktop')

  // The status filter: every supplier is active, so "停用" lists none of them.
  await search(page, '')
  await table.getByText('farm-base', { exact: true }).waitFor()
  await page.getByTestId('supplier-active-filter').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '停用' }).first().click()
  await table.getByText('farm-base', { exact: true }).waitFor({ state: 'detached' })
  assert.equal(await table.getByText('egg-farm').count(), 0)

  // 3. P10001 (produce, from the farm base) now comes from the egg farm, at least 20 a time.
  await page.getByTestId('nav-products').click()
  await page.getByTestId('product-search').fill('P10001')
  await page.getByTestId('product-search').press('Enter')
  // Wait for the search to land: the list narrows to P10001 alone.
  await page.getByTestId('products-table').getByText('P10002').waitFor({ state: 'detached' })
  await page.getByTestId('products-table').getByText('farm-base').waitFor()
  await page.getByTestId('product-edit-P10001').click()
  const productDialog = page.getByTestId('product-dialog')
  await productDialog.getByTestId('product-name').waitFor()
  await settle(page)
  await productDialog.getByTestId('product-supplier').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: 'egg-farm' }).first().click()
  await productDialog.getByTestId('product-min-order').fill('20')
  await productDialog.getByTestId('product-save').click()
  await productDialog.waitFor({ state: 'hidden' })
  await page.getByTestId('products-table').getByText('egg-farm').waitFor()
  const product = (await apiCall(page, 'GET', '/products/P10001')).body
  assert.deepEqual([product.supplier_code, product.min_order_qty], ['egg-farm', '20.000'])

  // 4. super1 on a phone: the suppliers as cards, read-only.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/suppliers')
  await page.getByTestId('read-only').waitFor()
  await page.getByTestId('supplier-card-egg-farm').waitFor()
  assert.match(await page.getByTestId('supplier-card-egg-farm').innerText(), /蛋品合作社[\s\S]*10:30/)
  assert.equal(await page.getByTestId('supplier-create').count(), 0)
  assert.equal(await page.locator('[data-testid^="supplier-edit-"]').count(), 0)
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await screenshot(page, 'suppliers-phone')
  assert.deepEqual(browser.problems, [])
})

test("the admin sets a department's ordering rules; a supervisor reads them", async () => {
  const { browser } = ctx
  let page = await browser.session()
  await signIn(page, 'admin')
  await page.goto('/suppliers')
  const rules = page.getByTestId('order-rules')
  await rules.getByText('干货').waitFor()
  // The demo's rules: dry goods come Mon/Wed/Fri; meat is checked at 4 °C on arrival.
  const dryRow = await rules.locator('.el-table__body tr', { hasText: '干货' }).innerText()
  assert.match(dryRow, /周一 周三 周五[\s\S]*97\.5 %[\s\S]*不检查/)
  assert.match(await rules.locator('.el-table__body tr', { hasText: '肉类' }).innerText(), /每天[\s\S]*95 %[\s\S]*≤ 4\.00 °C/)

  await page.getByTestId('order-rules-edit-produce').click()
  const dialog = page.getByTestId('order-rules-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('order-rules-day-0').click() // no deliveries on Sundays
  await dialog.getByTestId('order-rules-service-level').fill('99.95')
  await dialog.getByTestId('order-rules-save').click()
  const levelError = dialog.locator('.el-form-item', { has: page.getByTestId('order-rules-service-level') }).locator('.el-form-item__error')
  await levelError.waitFor()
  await dialog.getByTestId('order-rules-service-level').fill('97.5')
  await dialog.getByTestId('order-rules-max-temp').fill('8')
  await dialog.getByTestId('order-rules-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await rules.getByText('≤ 8.00 °C').waitFor()
  const stored = (await apiCall(page, 'GET', '/order-settings')).body.items.find((s) => s.department_code === 'produce')
  assert.deepEqual([stored.delivery_weekdays, stored.service_level, stored.max_delivery_temp, stored.version], ['123456', '97.50', '8.00', 1])
  assert.match(await rules.locator('.el-table__body tr', { hasText: '果蔬' }).innerText(), /周一 周二 周三 周四 周五 周六[\s\S]*97\.5 %/)

  // super1 on a phone: the rules as cards, nothing to change.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/suppliers')
  await page.getByTestId('order-rules-produce').waitFor()
  assert.match(await page.getByTestId('order-rules-produce').innerText(), /果蔬[\s\S]*≤ 8\.00 °C/)
  assert.equal(await page.locator('[data-testid^="order-rules-edit-"]').count(), 0)
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  assert.deepEqual(browser.problems, [])
})
