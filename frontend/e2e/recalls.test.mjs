// The recalls screen against the real binary: the admin recalls a produce SKU received in a
// date range from every store (a lot id that is not open is refused by the lots field first),
// confirms, and sees each store's line by name with the total and the chart; manager1 on a
// phone sees that recall with sh-pudong's line only; sh-pudong's stock of the SKU fell by
// what came back. The recall's page has no serious axe findings on either size.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, PHONE, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { suite } from './helpers/suite.mjs'

const ctx = suite()

/** "8.925" → 8925 (thousandths, so sums stay exact). */
const milli = (qty) => Math.round(Number(qty) * 1000)
const qtyText = (m) => (m / 1000).toFixed(3)

/**
 * A produce SKU that every store holds in lots, the receiving range covering them, and per
 * store the quantity in that range and the stock on hand.
 */
async function produceWithLots(page) {
  const stores = (await apiCall(page, 'GET', '/stores')).body.items
  const first = (await apiCall(page, 'GET', '/stores/1/inventory?department_code=produce&page_size=100')).body.items
  for (const candidate of first.filter((i) => i.lots.length > 0)) {
    const held = []
    for (const store of stores) {
      const items = (await apiCall(page, 'GET', `/stores/${store.id}/inventory?q=${candidate.sku}`)).body.items
      const item = items.find((i) => i.sku === candidate.sku)
      if (!item || item.lots.length === 0) break
      held.push({ store, item })
    }
    if (held.length !== stores.length) continue
    const days = held.flatMap(({ item }) => item.lots.map((l) => l.received_date)).sort()
    const [from, to] = [days[0], days.at(-1)]
    const lines = held.map(({ store, item }) => ({
      store,
      onHand: milli(item.on_hand),
      back: item.lots.filter((l) => l.received_date >= from && l.received_date <= to).reduce((n, l) => n + milli(l.qty_remaining), 0),
    }))
    return { sku: candidate.sku, name: candidate.name, from, to, lines }
  }
  throw new Error('no produce SKU with lots in every store')
}

test('the admin recalls a produce SKU by receiving dates; manager1 sees only their store’s line', async () => {
  const { browser } = ctx
  // 1. The admin on a desktop picks the product in the catalogue.
  let page = await browser.session()
  await signIn(page, 'admin')
  const target = await produceWithLots(page)
  const pudong = target.lines.find((l) => l.store.code === 'sh-pudong')
  assert.ok(pudong.back > 0, JSON.stringify(target))

  await page.getByTestId('nav-recalls').click()
  await page.getByTestId('recalls-page').waitFor()
  await page.getByTestId('recall-create').click()
  const dialog = page.getByTestId('recall-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('recall-sku').click()
  await dialog.getByTestId('recall-sku').locator('input').fill(target.sku)
  await page.getByTestId(`recall-sku-${target.sku}`).click()

  // 2. A lot id that is no open lot of it: confirmed, then refused by the lots field.
  await dialog.getByTestId('recall-lots').fill('999999')
  await dialog.getByTestId('recall-reason').fill('供应商通知：该批次检测不合格')
  await dialog.getByTestId('recall-save').click()
  const confirmBox = page.locator('.el-message-box')
  await confirmBox.waitFor()
  assert.match(await confirmBox.innerText(), new RegExp(`${target.sku}[\\s\\S]*所有门店`))
  await confirmBox.locator('.el-button--primary').click()
  const lotsError = dialog.locator('.el-form-item', { has: page.getByTestId('recall-lots') }).locator('.el-form-item__error')
  await lotsError.waitFor()
  assert.match(await lotsError.innerText(), /999999/)

  // 3. Every lot received in the range, from every store.
  await dialog.getByTestId('recall-mode-range').click()
  const inputs = dialog.getByTestId('recall-range').locator('.el-range-input')
  await inputs.nth(0).fill(target.from)
  await inputs.nth(0).press('Enter')
  await inputs.nth(1).fill(target.to)
  await inputs.nth(1).press('Enter')
  await dialog.getByTestId('recall-reason').click()
  await page.locator('.el-date-range-picker').waitFor({ state: 'hidden' })
  await dialog.getByTestId('recall-save').click()
  await confirmBox.waitFor()
  await confirmBox.locator('.el-button--primary').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForURL(/\/recalls\/\d+$/)
  const id = Number(new URL(page.url()).pathname.split('/').at(-1))

  // 4. Each store's line by name, the total and the chart.
  const table = page.getByTestId('recall-stores-table')
  await table.getByText(pudong.store.name).waitFor()
  for (const line of target.lines) {
    const row = await table.locator('.el-table__body tr', { hasText: line.store.name }).innerText()
    assert.match(row, new RegExp(`${qtyText(line.back).replace('.', '\\.')} 千克`), `${line.store.name}: ${row}`)
  }
  const total = target.lines.reduce((n, l) => n + l.back, 0)
  assert.match(await page.getByTestId('recall-total').innerText(), new RegExp(`合计[\\s\\S]*${qtyText(total).replace('.', '\\.')} 千克`))
  await page.getByTestId('recall-chart').locator('canvas').waitFor()
  assert.match(await page.getByTestId('recall-facts').innerText(), new RegExp(`${target.sku}[\\s\\S]*收货日期 ${target.from} 至 ${target.to}[\\s\\S]*供应商通知`))
  const recall = (await apiCall(page, 'GET', `/recalls/${id}`)).body
  assert.equal(recall.stores.length, target.lines.length)
  assert.equal(milli(recall.qty), total)
  await screenshot(page, 'recall-desktop')
  await noSeriousAxe(page, 'admin recall desktop')

  // The list shows it first.
  await page.getByTestId('recall-back').click()
  const first = page.getByTestId('recalls-table').locator('.el-table__body tr').first()
  await first.getByText(target.sku).waitFor()
  assert.match(await first.innerText(), new RegExp(`收货日期 ${target.from} 至 ${target.to}[\\s\\S]*${target.lines.length} 家门店`))

  // 5. manager1 on a phone: the recall, with sh-pudong's line alone.
  page = await browser.session(PHONE)
  await signIn(page, 'manager1')
  await page.goto('/recalls')
  await page.getByTestId('recalls-page').waitFor()
  await page.getByTestId('read-only').waitFor()
  assert.equal(await page.getByTestId('recall-create').count(), 0)
  await page.getByTestId(`recall-open-${id}`).click()
  const card = page.getByTestId(`recall-store-${pudong.store.id}`)
  await card.waitFor()
  assert.match(await card.innerText(), new RegExp(`上海浦东店[\\s\\S]*${qtyText(pudong.back).replace('.', '\\.')} 千克`))
  assert.equal(await page.locator('[data-testid^="recall-store-"]:not([data-testid="recall-store-hint"])').count(), 1)
  assert.equal(await page.getByTestId('recall-chart').count(), 0)
  assert.match(await page.getByTestId('recall-total').innerText(), new RegExp(qtyText(pudong.back).replace('.', '\\.')))
  await page.getByTestId('recall-store-hint').waitFor()
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await screenshot(page, 'recall-phone')
  await noSeriousAxe(page, 'manager1 recall phone')

  // 6. sh-pudong's stock of the SKU fell by what came back.
  const after = (await apiCall(page, 'GET', `/stores/${pudong.store.id}/inventory?q=${target.sku}`)).body.items.find((i) => i.sku === target.sku)
  assert.equal(milli(after?.on_hand ?? '0'), pudong.onHand - pudong.back)
  assert.deepEqual(browser.problems, [])
})
