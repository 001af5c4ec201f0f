// Shrink (issue 12) against the real binary: manager1 lowers the store's write-off approval
// line to 10.00 on the settings tab; super1, on a phone, writes off 3 kg of a produce SKU as
// spoiled with a photo and is told it waits for approval; manager1 approves it in the queue;
// the stock on hand fell by 3, the shrink report and the KPI cockpit's shrink rose by its
// value. Then super1 accepts a markdown suggestion, opens its label (an SVG barcode drawn by
// JsBarcode), and the report shows the markdown's loss.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, DESKTOP, PHONE, screenshot, settle, signIn } from './helpers/browser.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const STORE = 1

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()

/** Money or a quantity as whole thousandths, so sums compare exactly. */
const milli = (value) => Math.round(Number(value ?? 0) * 1000)

/** A 1×1 PNG, the photo of the spoiled goods. */
const PHOTO = {
  name: 'spoiled.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}

/** A produce SKU sold by the kg with at least 5 kg on hand whose 3 kg cost more than 10.00. */
async function pickProduce(api) {
  const stock = await api('GET', `/stores/${STORE}/inventory?page_size=500`)
  assert.equal(stock.status, 200, JSON.stringify(stock.body))
  const item = stock.body.items.find(
    (i) => i.department_code === 'produce' && i.unit === 'kg' && milli(i.on_hand) >= 5000 && (milli(i.stock_value) * 3) / Number(i.on_hand) > 10_500,
  )
  assert.ok(item, 'the demo store has produce in stock worth writing off')
  return item
}

const onHand = async (api, sku) => {
  const res = await api('GET', `/stores/${STORE}/inventory?q=${encodeURIComponent(sku)}`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.items.find((i) => i.sku === sku).on_hand
}
const report = async (api) => {
  const res = await api('GET', `/stores/${STORE}/shrink`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body
}
const kpiShrink = async (api) => {
  const res = await api('GET', `/stores/${STORE}/kpis`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.total.shrink.actual
}

test('super1 writes off spoiled produce over the line, manager1 approves, stock, report and KPIs follow; a suggestion becomes a markdown with a label', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const supervisor = await apiAs(server.baseURL, 'super1')

  // 1. manager1 lowers the approval line to 10.00 on the settings tab.
  let page = await browser.session(DESKTOP)
  await signIn(page, 'manager1')
  await page.goto('/shrink?tab=settings')
  await page.getByTestId('settings-tab').waitFor()
  await box(page, 'settings-threshold').fill('10.00')
  await page.getByTestId('settings-threshold-save').click()
  await page.locator('.el-message--success').waitFor()
  const settings = await manager('GET', `/stores/${STORE}/shrink-settings`)
  assert.equal(settings.body.write_off_threshold, '10.00')
  assert.ok(settings.body.version > 0)

  // What the write-off will be measured against.
  const item = await pickProduce(supervisor)
  const stockBefore = await onHand(manager, item.sku)
  const reportBefore = await report(manager)
  const kpiBefore = await kpiShrink(manager)

  // 2. super1 on a phone: the quick write-off of 3 kg, spoiled, with a photo, waits.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/shrink')
  await page.getByTestId('write-offs-tab').waitFor()
  await page.getByTestId('write-off-new').click()
  await page.getByTestId('write-off-dialog').waitFor()
  await settle(page)
  await box(page, 'write-off-product-search').fill(item.sku)
  await box(page, 'write-off-product-search').press('Enter')
  await page.getByTestId('write-off-product-chosen').waitFor()
  assert.match(await page.getByTestId('write-off-product-chosen').innerText(), new RegExp(item.sku))
  await box(page, 'write-off-qty').fill('3')
  await page.getByTestId('write-off-reason-spoiled').click()
  await page.getByTestId('write-off-dialog').getByTestId('photo-input').setInputFiles(PHOTO)
  await page.getByTestId('write-off-dialog').locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await screenshot(page, 'shrink-write-off-phone')
  await page.getByTestId('write-off-save').click()
  const result = page.getByTestId('write-off-result')
  await result.waitFor()
  assert.equal(await result.getAttribute('data-status'), 'pending')
  assert.match(await page.getByTestId('write-off-result-text').innerText(), /审批/)
  const pending = await apiCall(page, 'GET', `/stores/${STORE}/write-offs?status=pending`)
  const writeOff = pending.body.items.find((w) => w.sku === item.sku)
  assert.ok(writeOff, 'the write-off waits')
  assert.equal(writeOff.qty, '3.000')
  assert.equal(writeOff.reason, 'spoiled')
  assert.equal((await apiCall(page, 'GET', `/write-offs/${writeOff.id}`)).body.photos.length, 1, 'with its photo')
  assert.deepEqual(writeOff.allowed_actions, [], 'super1 does not approve their own write-off')
  assert.equal(await onHand(manager, item.sku), stockBefore, 'no stock moves while it waits')
  await page.getByTestId('write-off-close').click()

  // 3. manager1 approves it in the approval queue.
  page = await browser.session(DESKTOP)
  await signIn(page, 'manager1')
  await page.goto('/shrink?tab=approvals')
  await page.getByTestId('approvals-tab').waitFor()
  await page.getByTestId(`approve-write_off-${writeOff.id}`).click()
  await page.getByTestId(`approve-write_off-${writeOff.id}`).waitFor({ state: 'detached' })
  const posted = await manager('GET', `/write-offs/${writeOff.id}`)
  assert.equal(posted.body.status, 'posted')

  // 4. Stock, the shrink report and the KPIs moved by the write-off.
  assert.equal(milli(await onHand(manager, item.sku)), milli(stockBefore) - 3000, 'on hand fell by 3 kg')
  const reportAfter = await report(manager)
  assert.equal(milli(reportAfter.totals.write_off), milli(reportBefore.totals.write_off) + milli(writeOff.value))
  assert.equal(milli(await kpiShrink(manager)), milli(kpiBefore) + milli(writeOff.value), 'the cockpit’s shrink rose by the value')
  await page.goto('/shrink?tab=report')
  await page.getByTestId('report-totals').waitFor()
  assert.equal(milli((await page.getByTestId('report-write_off-value').innerText()).replace(/,/g, '')), milli(reportAfter.totals.write_off))
  await page.getByTestId('report-day-chart').locator('canvas').waitFor()
  assert.match(await page.getByTestId('report-products-table').innerText(), new RegExp(item.sku))

  // 5. super1 accepts a markdown suggestion and opens its label.
  const suggestions = await supervisor('GET', `/stores/${STORE}/markdown-suggestions?action=markdown&page_size=12`) // the first page the tab shows
  assert.equal(suggestions.status, 200, JSON.stringify(suggestions.body))
  const suggestion = suggestions.body.items.find((s) => s.action === 'markdown' && milli(s.qty) > 0)
  assert.ok(suggestion, 'the demo has lots to mark down')
  page = await browser.session(DESKTOP)
  await signIn(page, 'super1')
  await page.goto('/shrink?tab=markdowns')
  await page.getByTestId(`suggestion-markdown-${suggestion.lot_id}`).click()
  await page.getByTestId('markdown-done').waitFor()
  const made = (await apiCall(page, 'GET', `/stores/${STORE}/markdowns`)).body.items.find((m) => m.lot_id === suggestion.lot_id)
  assert.ok(made, 'the markdown was made')
  assert.equal(made.status, 'applied', 'the ladder’s step applies at once')
  await page.getByTestId('markdown-print-label').click()
  await page.waitForURL(new RegExp(`/shrink/markdowns/${made.id}/label`))
  await page.getByTestId('label').waitFor()
  const barcode = page.getByTestId('label-barcode')
  await barcode.locator('rect, path').first().waitFor({ state: 'attached' })
  assert.equal(await barcode.evaluate((el) => el.tagName.toLowerCase()), 'svg')
  assert.equal(await barcode.getAttribute('data-format'), made.barcode.format === 'ean13' ? 'EAN13' : 'CODE128')
  assert.match(await page.getByTestId('label-name').innerText(), new RegExp(made.name))
  assert.equal(milli((await page.getByTestId('label-price').innerText()).replace(/,/g, '')), milli(made.markdown_price))
  await screenshot(page, 'shrink-label')

  // 6. The report counts the markdown's loss.
  const reportFinal = await report(manager)
  assert.equal(milli(reportFinal.totals.markdown), milli(reportAfter.totals.markdown) + milli(made.loss))
  await page.goto('/shrink?tab=report')
  await page.getByTestId('report-totals').waitFor()
  // super1's screen shows their departments' report (the manager's is the whole store's).
  const supervisorFinal = await report(supervisor)
  assert.equal(milli((await page.getByTestId('report-markdown-value').innerText()).replace(/,/g, '')), milli(supervisorFinal.totals.markdown))
  assert.deepEqual(browser.problems, [])
})
