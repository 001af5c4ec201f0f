// The effect of a finished campaign against the real binary. The demo's 金秋水果节 ended three
// weeks ago and its fruits sold more at the promo price on its days (the demo history's sales
// feed): hq1 on a desktop reads the uplift the server computed from those sales on the effect
// tab, with the chart, every store's row and its review (总结分析), one store's lines, and
// downloads the report as CSV. super1 on a phone sees their own store only and rewrites its
// review; hq1 then reads the new review. No serious axe findings, nothing sideways on the phone.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { fitsWidth, PHONE, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()

test('the demo’s finished campaign shows the uplift of its sales; super1 rewrites the store’s review and hq1 reads it', async () => {
  const { browser, server } = ctx
  const hq = await apiAs(server.baseURL, 'hq1')
  const ended = (await hq('GET', '/campaigns?status=ended&page_size=100')).body.items
  const fest = ended.find((c) => c.name.includes('金秋水果节'))
  assert.ok(fest, `the demo has an ended 金秋水果节: ${JSON.stringify(ended.map((c) => c.name))}`)
  const effect = (await hq('GET', `/campaigns/${fest.id}/effect`)).body
  // The demo history sold the fruits 1.5–2.1 times over on the campaign's days.
  assert.ok(Number(effect.total.uplift_pct) > 20, `uplift ${JSON.stringify(effect.total)}`)
  assert.ok(effect.days > 0 && effect.stores.length >= 2, JSON.stringify({ days: effect.days, stores: effect.stores.length }))
  const pudong = effect.stores.find((s) => s.store_code === 'sh-pudong')
  assert.ok(pudong?.review.review, 'sh-pudong has written its review')

  // 1. hq1 on a desktop: the figures the server computed, the chart, the stores and a review.
  let page = await browser.session()
  await signIn(page, 'hq1')
  await page.goto(`/campaigns/${fest.id}?tab=effect`)
  await page.getByTestId('effect-cards').waitFor()
  assert.equal((await page.getByTestId('effect-uplift').innerText()).trim(), `+${effect.total.uplift_pct} %`)
  assert.equal((await page.getByTestId('effect-margin').innerText()).trim(), effect.total.incremental_margin)
  assert.match(await page.getByTestId('effect-measured').innerText(), new RegExp(`${effect.starts_on}[\\s\\S]*${effect.measured_to}`))
  await page.locator('.effect .chart canvas').waitFor()
  const row = page.getByTestId('effect-stores-table').locator('.el-table__body tr', { hasText: pudong.store_name })
  await row.waitFor()
  const rowText = await row.innerText()
  assert.match(rowText, new RegExp(`\\+${pudong.uplift_pct.replace('.', '\\.')} %`), rowText)
  assert.ok(rowText.includes(pudong.review.review.slice(0, 8)), `the review in the row: ${rowText}`)

  // One store's lines, one per item.
  await page.getByTestId('effect-store').click()
  await page.locator('.el-select-dropdown__item', { hasText: pudong.store_name }).click()
  const lines = page.getByTestId('effect-lines-table').locator('.el-table__body tr')
  await lines.first().waitFor()
  assert.equal(await lines.count(), effect.items.length)

  // The report as CSV: a BOM, the stores with their reviews.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('effect-export-csv').click()])
  const bytes = await readFile(await csv.path())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM')
  const text = bytes.subarray(3).toString('utf8')
  assert.ok(text.includes(pudong.store_name) && text.includes(effect.items[0].sku), text.slice(0, 400))
  assert.match(csv.suggestedFilename(), /\.csv$/)
  await screenshot(page, 'campaign-effect-desktop')
  await noSeriousAxe(page, 'hq1 effect desktop')

  // 2. super1 on a phone: their store only, and a new review.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto(`/campaigns/${fest.id}?tab=effect`)
  await page.getByTestId('effect-cards').waitFor()
  assert.equal(await page.getByTestId('effect-store').count(), 0, 'no store picker for store staff')
  await page.getByTestId(`effect-store-${pudong.store_id}`).waitFor()
  assert.equal(await page.locator('[data-testid^="effect-store-"]').count(), 1)
  const review = `e2e 总结：${Date.now()} 堆头位置好，周末补货跟不上。`
  await page.locator('textarea[data-testid="effect-review-text"], [data-testid="effect-review-text"] textarea').first().fill(review)
  await page.getByTestId('effect-review-save').click()
  await page.locator('.el-message--success').waitFor()
  await page.getByTestId(`effect-store-${pudong.store_id}`).getByText(review.slice(0, 12)).waitFor()
  assert.ok(await fitsWidth(page), 'nothing to scroll sideways on the phone')
  await screenshot(page, 'campaign-effect-phone')
  await noSeriousAxe(page, 'super1 effect phone')

  // 3. HQ reads it with who wrote it.
  const after = (await hq('GET', `/campaigns/${fest.id}/effect`)).body.stores.find((s) => s.store_code === 'sh-pudong')
  assert.equal(after.review.review, review)
  assert.equal(after.review.version, pudong.review.version + 1)
  assert.ok(after.review.reviewed_by_name, JSON.stringify(after.review))
})
