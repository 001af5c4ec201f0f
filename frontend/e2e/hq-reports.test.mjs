// HQ's chain-wide reports (issue 15) against the real binary and its demo data: hq1 picks
// "All stores" on the price survey page and reads the gaps of at least two stores, each line
// naming its store, largest gap first, read only, filtered by store; qa1, on a phone, opens
// the chain complaint report and sees it by category and by store, with the chain's exports.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESKTOP, PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { suite } from './helpers/suite.mjs'

const ctx = suite()

/** The store names shown on the gap lines, in order. */
const lineStores = (page) => page.locator('[data-testid^="gap-"][data-testid$="-store"]').allInnerTexts()

test('hq1 picks All stores on the price survey page and reads the gaps of every store', async () => {
  const page = await ctx.browser.session(DESKTOP)
  await signIn(page, 'hq1')
  await page.goto('/price-surveys')
  await page.getByTestId('price-surveys-tabs').waitFor()
  await page.getByTestId('store-picker').click()
  await page.getByRole('option', { name: '全部门店' }).click()
  await page.getByTestId('gaps-chain').waitFor()
  await page.locator('[data-testid^="gap-"][data-testid$="-store"]').first().waitFor()
  assert.equal(await page.getByTestId('price-surveys-tabs').count(), 0, 'the chain view has no per-store tabs')

  const stores = await lineStores(page)
  const distinct = [...new Set(stores)]
  assert.ok(distinct.length >= 2, `gap lines of at least two stores: ${distinct}`)
  assert.equal(await page.locator('[data-testid$="-promote"], [data-testid$="-request"]').count(), 0, 'HQ reads the gaps only')
  const gaps = (await page.locator('[data-testid^="gap-"][data-testid$="-gap"]').allInnerTexts()).map((text) => Number(/-?[\d,]+\.\d+/.exec(text)[0].replace(/,/g, '')))
  assert.deepEqual(gaps, [...gaps].sort((a, b) => b - a), 'largest gap first')
  await noSeriousAxe(page, 'chain price gaps')

  // Filtered to one store on the client.
  await page.getByTestId('gaps-store').click()
  await page.getByRole('option', { name: distinct[1] }).click()
  await page.waitForFunction((name) => {
    const shown = [...document.querySelectorAll('[data-testid^="gap-"][data-testid$="-store"]')].map((el) => el.textContent.trim())
    return shown.length > 0 && shown.every((s) => s === name)
  }, distinct[1])
  assert.ok((await lineStores(page)).length < stores.length, 'the filter leaves the other store out')

  // The address names the chain view: a reload (here on a phone) opens it again.
  const phone = await ctx.browser.session(PHONE)
  await signIn(phone, 'hq1')
  await phone.goto('/price-surveys?store=all')
  await phone.locator('[data-testid^="gap-"][data-testid$="-store"]').first().waitFor()
  await settle(phone)
  assert.ok(await fitsWidth(phone), 'the chain gaps fit the phone')
  await noSeriousAxe(phone, 'chain price gaps on a phone')
  await screenshot(phone, 'hq-price-gaps-phone')
})

test('qa1 on a phone opens the chain complaint report with its categories, stores and exports', async () => {
  const page = await ctx.browser.session(PHONE)
  await signIn(page, 'qa1')
  await page.goto('/complaints?store=all')
  const report = page.getByTestId('complaint-report')
  await report.getByTestId('complaint-report-category-cards').waitFor()
  await page.getByTestId('complaint-report-chain').waitFor()
  assert.equal(await page.getByTestId('complaint-new').count(), 0, 'HQ records no complaints')
  assert.equal(await page.getByTestId('complaints-tabs').count(), 0, 'the chain view is the report alone')

  const categories = await report.getByTestId('complaint-report-category-label').allInnerTexts()
  assert.equal(categories.at(-1), '合计', 'the table ends with the total')
  const named = categories.slice(0, -1)
  assert.ok(named.length >= 2, `several categories: ${categories}`)
  for (const c of named) assert.ok(['质量', '价格', '服务', '卫生', '其他'].includes(c), `a category's label: ${c}`)
  const stores = await report.getByTestId('complaint-report-store-label').allInnerTexts()
  assert.ok(stores.slice(0, -1).length >= 2, `complaints of at least two stores: ${stores}`)

  for (const format of ['csv', 'xlsx']) {
    const link = page.getByTestId(`complaint-report-export-${format}`)
    const href = await link.getAttribute('href')
    assert.match(href, new RegExp(`^/api/v1/complaint-report/export\\?.*format=${format}`), `the ${format} link is the chain's`)
    const res = await page.request.get(href)
    assert.equal(res.status(), 200, `${format} downloads`)
  }

  await settle(page)
  assert.ok(await fitsWidth(page), 'the chain report fits the phone')
  await noSeriousAxe(page, 'chain complaint report on a phone')
  await screenshot(page, 'hq-complaint-report-phone')
})
