// Order plans against the real binary: super1, on a phone, creates tomorrow's produce plan,
// opens a line's explanation, changes its quantity by about half again, is asked for a reason,
// gives it and submits; manager1 approves on a desktop; super1 receives the delivery on the
// phone with a best-before date; the inventory screen then shows the new stock and its lot.
// Also: a second plan for the same department and date is refused and the existing one offered.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, PHONE, screenshot, settle, signIn } from './helpers/browser.mjs'
import { apiAs, storeTomorrow, suite } from './helpers/suite.mjs'

const ctx = suite()

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()

const number = (text) => Number(text.replace(/[^\d.-]/g, ''))

/** OKs Element Plus's confirmation box. */
async function confirmBox(page) {
  await page.locator('.el-message-box').waitFor()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.locator('.el-message-box').waitFor({ state: 'hidden' })
}

/** A 1×1 PNG, the photo of a refused line. */
const PHOTO = {
  name: 'refused.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}

/**
 * A line of the plan to change: something suggested, preferably an even number of case packs
 * so that half again is a whole number of cases.
 */
function pickLine(lines) {
  const suggested = lines.filter((l) => Number(l.suggested_qty) > 0 && Number(l.case_pack) > 0)
  assert.ok(suggested.length > 0, 'the demo plan suggests something')
  const even = suggested.find((l) => Math.round(Number(l.suggested_qty) / Number(l.case_pack)) % 2 === 0)
  const line = even ?? suggested[0]
  const cases = Math.round(Number(line.suggested_qty) / Number(line.case_pack))
  const target = Math.max(cases + 1, Math.round(cases * 1.5)) * Number(line.case_pack)
  return { ...line, target }
}

test('super1 plans tomorrow’s produce, manager1 approves, super1 receives it into stock', async () => {
  const { browser, server } = ctx
  const super1 = await apiAs(server.baseURL, 'super1')
  const tomorrow = storeTomorrow((await super1('GET', '/stores/1')).body.timezone)

  // 1. super1 on a phone: a new produce plan for tomorrow opens in the editor.
  let page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/ordering')
  await page.getByTestId('ordering-page').waitFor()
  await page.getByTestId('ordering-new').click()
  await page.getByTestId('new-plan-dialog').waitFor()
  await settle(page)
  assert.equal(await box(page, 'new-plan-date').inputValue(), tomorrow, 'delivery defaults to the store’s tomorrow')
  await page.getByTestId('new-plan-department-produce').click()
  await page.getByTestId('new-plan-save').click()
  await page.waitForURL(/\/ordering\/\d+$/)
  const planId = Number(new URL(page.url()).pathname.split('/').pop())
  await page.getByTestId('plan-header').waitFor()
  assert.match(await page.getByTestId('plan-status').innerText(), /草稿/)
  assert.equal(await page.getByTestId('plan-delivery').innerText(), tomorrow)
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await screenshot(page, 'ordering-editor-phone')

  // 2. Find a line (all lines, by its SKU) and open its explanation.
  const all = await apiCall(page, 'GET', `/order-plans/${planId}/lines?page_size=500`)
  assert.equal(all.status, 200)
  const line = pickLine(all.body.items)
  const exceptionsOnly = page.getByTestId('lines-exceptions-only')
  if ((await exceptionsOnly.getAttribute('class'))?.includes('is-checked')) await exceptionsOnly.click()
  await page.getByTestId('lines-search').fill(line.sku)
  await page.getByTestId('lines-search').press('Enter')
  await page.getByTestId(`line-${line.sku}`).waitFor()
  await page.getByTestId(`line-why-${line.sku}`).click()
  await page.getByTestId('why-terms').waitFor()
  const why = await page.getByTestId('why-terms').innerText()
  assert.match(why, /预测销量/, why)
  assert.match(why, /安全库存/, why)
  assert.match(why, /建议订货/, why)
  await page.getByTestId('why-chart').locator('canvas').waitFor()
  await screenshot(page, 'ordering-why-phone')
  await page.keyboard.press('Escape')
  await page.getByTestId('why-terms').waitFor({ state: 'hidden' })

  // 3. Half as much again: the server wants a reason; given, the line saves.
  await box(page, `line-qty-${line.sku}`).fill(String(line.target))
  await box(page, `line-qty-${line.sku}`).press('Enter')
  await page.getByTestId('deviation-dialog').waitFor()
  await page.getByTestId('deviation-reason').fill('周末促销备货')
  await page.getByTestId('deviation-save').click()
  await page.getByTestId('deviation-dialog').waitFor({ state: 'hidden' })
  const saved = await apiCall(page, 'GET', `/order-plans/${planId}/lines/${line.sku}`)
  assert.equal(Number(saved.body.ordered_qty), line.target)
  assert.equal(saved.body.deviation_reason, '周末促销备货')

  // 4. Submitted for approval.
  await page.getByTestId('plan-submit').click()
  await confirmBox(page)
  await page.getByTestId('plan-status').getByText('已提交').waitFor()
  assert.equal(await page.getByTestId('plan-submit').count(), 0)

  // 5. manager1 approves on a desktop.
  page = await browser.session()
  await signIn(page, 'manager1')
  await page.goto('/ordering')
  await page.getByTestId(`plan-open-${planId}`).click()
  await page.getByTestId('plan-approve').click()
  await confirmBox(page)
  await page.getByTestId('plan-status').getByText('已审批').waitFor()
  await screenshot(page, 'ordering-approved-desktop')

  // 6. super1 receives on the phone, with a best-before date on the changed line and one
  //    case of another line refused with a reason and a photo.
  const other = all.body.items.find((l) => l.sku !== line.sku && Number(l.ordered_qty) > 0)
  assert.ok(other, 'a second line is ordered')
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto(`/ordering/${planId}`)
  await page.getByTestId('plan-receive').click()
  await page.getByTestId('receive-dialog').waitFor()
  await page.getByTestId(`receive-line-${line.sku}`).waitFor()
  assert.equal(number(await box(page, `receive-qty-${line.sku}`).inputValue()), line.target)
  const expiry = '2099-01-31'
  await box(page, `receive-expiry-${line.sku}`).fill(expiry)
  await box(page, `receive-expiry-${line.sku}`).press('Enter')
  await box(page, 'receive-temp').fill('4')
  await page.getByTestId(`receive-refuse-${other.sku}`).click()
  await box(page, `receive-refused-${other.sku}`).fill(other.case_pack)
  await box(page, `receive-reason-${other.sku}`).fill('烂叶多')
  await page.getByTestId(`receive-line-${other.sku}`).getByTestId('photo-input').setInputFiles(PHOTO)
  await page.getByTestId(`receive-line-${other.sku}`).locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await screenshot(page, 'ordering-receive-phone')
  await page.getByTestId('receive-save').click()
  await page.getByTestId('receive-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('plan-status').getByText('已收货').waitFor()
  const received = await apiCall(page, 'GET', `/order-plans/${planId}/lines/${line.sku}`)
  assert.equal(Number(received.body.received_qty), line.target)
  assert.equal(received.body.lot_expiry, expiry)
  // The refused case is a claim on the supplier, with its photo.
  await page.getByTestId(`claim-${other.sku}`).getByText('烂叶多').waitFor()
  const plan = await apiCall(page, 'GET', `/order-plans/${planId}`)
  assert.equal(plan.body.claims.length, 1)
  assert.equal(plan.body.claims[0].photos.length, 1)

  // 7. The inventory screen shows the new stock and its lot.
  page = await browser.session()
  await signIn(page, 'super1')
  await page.goto('/inventory')
  await page.getByTestId('inventory-search').fill(line.sku)
  await page.getByTestId('inventory-search').press('Enter')
  const cell = page.getByTestId(`onhand-${line.sku}`)
  await cell.waitFor()
  assert.ok(number(await cell.innerText()) >= line.target, `on hand ${await cell.innerText()} ≥ ${line.target}`)
  await page.getByTestId('inventory-table').locator('.el-table__expand-icon').first().click()
  await page.getByTestId(`lots-${line.sku}`).getByText(expiry).waitFor()
  await screenshot(page, 'ordering-inventory-desktop')
  assert.deepEqual(browser.problems, [])
})

test('a second plan for the same department and day offers the existing one', async () => {
  const { browser, server } = ctx
  const super1 = await apiAs(server.baseURL, 'super1')
  const day = storeTomorrow((await super1('GET', '/stores/1')).body.timezone)
  const first = await super1('POST', '/stores/1/order-plans', { department_code: 'meat', delivery_date: day })
  assert.equal(first.status, 201, JSON.stringify(first.body))

  const page = await browser.session()
  await signIn(page, 'super1')
  await page.goto('/ordering')
  await page.getByTestId('ordering-new').click()
  await page.getByTestId('new-plan-dialog').waitFor()
  await page.getByTestId('new-plan-department-meat').click()
  await page.getByTestId('new-plan-save').click()
  await confirmBox(page)
  await page.waitForURL(new RegExp(`/ordering/${first.body.id}$`))
  await page.getByTestId('plan-header').waitFor()
  assert.deepEqual(browser.problems, [])
})

test('manager1 rejects a submitted plan with a reason; it is a draft again showing why', async () => {
  const { browser, server } = ctx
  const super1 = await apiAs(server.baseURL, 'super1')
  const day = storeTomorrow((await super1('GET', '/stores/1')).body.timezone)
  const made = await super1('POST', '/stores/1/order-plans', { department_code: 'seafood', delivery_date: day })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const submitted = await super1('POST', `/order-plans/${made.body.id}/submit`, { version: made.body.version })
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body))

  let page = await browser.session(PHONE)
  await signIn(page, 'manager1')
  await page.goto(`/ordering/${made.body.id}`)
  await page.getByTestId('plan-reject').click()
  await page.getByTestId('plan-reject-dialog').waitFor()
  await page.getByTestId('plan-reject-reason').fill('虾的量太多，周末不促销')
  await page.getByTestId('plan-reject-save').click()
  await page.getByTestId('plan-reject-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('plan-status').getByText('草稿').waitFor()
  assert.equal(await page.getByTestId('plan-approve').count(), 0)

  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/ordering')
  await page.getByTestId(`plan-open-${made.body.id}`).click()
  await page.getByTestId('plan-rejected').getByText('虾的量太多').waitFor()
  await page.getByTestId('plan-submit').waitFor()
  assert.deepEqual(browser.problems, [])
})

test("manager1 reads the forecast accuracy of the store's past plans as a chart and per department", async () => {
  const { browser } = ctx
  const page = await browser.session()
  await signIn(page, 'manager1')
  await page.goto('/ordering/accuracy')
  await page.getByTestId('ordering-accuracy-page').waitFor()
  // The demo's four weeks of past plans: a chart of forecast against actual, a row per fresh department.
  await page.getByTestId('accuracy-chart').locator('canvas').waitFor()
  const table = page.getByTestId('accuracy-table')
  await table.getByText('果蔬').waitFor()
  const produce = await table.locator('.el-table__body tr', { hasText: '果蔬' }).innerText()
  assert.match(produce, /果蔬[\s\S]*\d+(\.\d)? ?%/)
  assert.equal(await table.locator('.el-table__body tr').count(), 5)
  // One department alone.
  await page.getByTestId('accuracy-department').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '肉类' }).first().click()
  await table.locator('.el-table__body tr', { hasText: '果蔬' }).waitFor({ state: 'detached' })
  assert.equal(await table.locator('.el-table__body tr').count(), 1)
  assert.deepEqual(browser.problems, [])
})
