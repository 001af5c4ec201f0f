// Complaints and price surveys (issue 15) against the real binary: super1, on a phone,
// records a customer complaint, adds a handling step with a photo and resolves it with
// compensation; manager1 records a competitor price survey with a gap on one line and turns
// that gap into a draft in-store promotion, which exists through the API, then rejects the
// demo's waiting price-change request with a reason.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESKTOP, PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const STORE = 1

const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

const PHOTO = {
  name: 'complaint.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}

test('super1 on a phone records a complaint, adds a step with a photo and resolves it with compensation', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  const page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/complaints')
  await page.getByTestId('complaint-new').click()
  const dialog = page.getByTestId('complaint-dialog')
  await dialog.waitFor()
  await settle(page)
  await page.getByTestId('complaint-channel-counter').click()
  await page.getByTestId('complaint-category-quality').click()
  const text = `e2e 顾客反映草莓发霉 ${Date.now()}`
  await box(page, 'complaint-description').fill(text)
  assert.ok(await fitsWidth(page), 'the form fits the phone')
  await page.getByTestId('complaint-save').click()

  // The new complaint opens in its drawer.
  const drawer = page.getByTestId('complaint-drawer')
  await drawer.getByTestId('complaint-step-note').waitFor()
  const listed = await supervisor('GET', `/stores/${STORE}/complaints?status=open&page_size=50`)
  const complaint = listed.body.items.find((c) => c.description === text)
  assert.ok(complaint, 'the complaint was recorded')
  assert.equal(complaint.channel, 'counter')
  assert.equal(complaint.category, 'quality')
  await settle(page)
  await noSeriousAxe(page, 'complaint drawer')

  // A step with a note and a photo.
  await box(page, 'complaint-step-note').fill('已向顾客道歉，下架同批次草莓')
  await drawer.getByTestId('photo-input').setInputFiles(PHOTO)
  await drawer.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await page.getByTestId('complaint-step-save').click()
  await page.getByTestId('complaint-timeline').getByText('下架同批次草莓').waitFor()
  assert.ok(await fitsWidth(page), 'the drawer fits the phone')
  await screenshot(page, 'complaint-drawer-phone')

  // Resolved with 20.00 compensation.
  await page.getByTestId('complaint-resolve').click()
  await page.getByTestId('complaint-resolve-dialog').waitFor()
  await settle(page)
  await box(page, 'complaint-resolution-input').fill('退款并赠送同款草莓一盒')
  await box(page, 'complaint-compensation-input').fill('20.00')
  await page.getByTestId('complaint-resolve-save').click()
  await page.getByTestId('complaint-drawer-status').filter({ hasText: '已解决' }).waitFor()
  const done = await supervisor('GET', `/stores/${STORE}/complaints/${complaint.id}`)
  assert.equal(done.body.status, 'resolved')
  assert.equal(done.body.compensation, '20.00')
  assert.equal(done.body.resolution, '退款并赠送同款草莓一盒')
  assert.equal(done.body.steps.length, 1)
  assert.equal(done.body.steps[0].photos.length, 1, 'the step keeps its photo')
  assert.match(await page.getByTestId('complaint-compensation').innerText(), /20\.00/)

  // A Today link naming the complaint opens it.
  await page.goto(`/complaints?id=${complaint.id}`)
  await page.getByTestId('complaint-drawer-status').filter({ hasText: '已解决' }).waitFor()
  assert.match(await page.getByTestId('complaint-drawer').innerText(), /退款并赠送同款草莓一盒/)

  // The report counts it by category, with its compensation, and offers the files.
  await page.goto('/complaints?tab=report')
  const quality = page.getByTestId('complaint-report-category-label').filter({ hasText: '质量' })
  await quality.waitFor()
  const report = await supervisor('GET', `/stores/${STORE}/complaint-report?from=${done.body.received_at.slice(0, 10)}&to=${done.body.received_at.slice(0, 10)}`)
  assert.equal(report.status, 200, JSON.stringify(report.body))
  assert.match(await page.getByTestId('complaint-report-export-csv').getAttribute('href'), /complaint-report\/export\?.*format=csv/)
  assert.ok(await fitsWidth(page), 'the report fits the phone')
  await noSeriousAxe(page, 'complaint report on a phone')
})

test('manager1 records a price survey line with a gap, turns it into a draft in-store promotion and rejects a waiting price change', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const products = await manager('GET', '/products?page_size=200')
  assert.equal(products.status, 200, JSON.stringify(products.body))
  // A product whose retail price is well above its cost: their price sits between the two.
  const product = products.body.items.find((p) => Number(p.retail_price) - Number(p.cost_price) >= 1 && Number(p.cost_price) > 0)
  assert.ok(product, 'the demo catalogue has a product with a margin')
  const theirs = ((Number(product.retail_price) + Number(product.cost_price)) / 2).toFixed(2)

  const page = await browser.session(DESKTOP)
  await signIn(page, 'manager1')
  await page.goto('/price-surveys')
  await page.getByTestId('survey-new').click()
  const dialog = page.getByTestId('survey-dialog')
  await dialog.waitFor()
  await settle(page)
  const competitor = `e2e 对手 ${Date.now()}`
  await box(page, 'survey-competitor').fill(competitor)
  await dialog.getByTestId('survey-line-0-sku').click()
  await dialog.getByTestId('survey-line-0-sku').locator('input').fill(product.sku)
  await page.getByTestId(`survey-sku-option-${product.sku}`).click()
  // Our price comes from the catalogue.
  assert.equal(await box(page, 'survey-line-0-our').inputValue(), product.retail_price)
  await box(page, 'survey-line-0-their').fill(theirs)
  await page.getByTestId('survey-line-0-gap').waitFor()
  await page.getByTestId('survey-save').click()
  await dialog.waitFor({ state: 'hidden' })

  const surveys = await manager('GET', `/stores/${STORE}/price-surveys`)
  const survey = surveys.body.items.find((s) => s.competitor === competitor)
  assert.ok(survey, 'the survey was recorded')
  assert.equal(survey.lines[0].their_price, theirs)
  assert.ok(Number(survey.lines[0].gap) > 0, 'we are dearer')

  await page.getByTestId(`survey-${survey.id}-line-1-promote`).click()
  const link = page.getByTestId('price-promoted-link')
  await link.waitFor()
  const after = await manager('GET', `/stores/${STORE}/price-surveys/${survey.id}`)
  const campaignId = after.body.lines[0].campaign_id
  assert.ok(campaignId, 'the line names its promotion')
  assert.equal(await link.getAttribute('href'), `/campaigns/${campaignId}`)
  const campaign = await manager('GET', `/campaigns/${campaignId}`)
  assert.equal(campaign.status, 200, JSON.stringify(campaign.body))
  assert.equal(campaign.body.status, 'draft')
  await page.getByTestId(`survey-${survey.id}-line-1-campaign`).waitFor()
  await noSeriousAxe(page, 'price surveys')

  // The waiting price-change request of the demo: manager1 rejects it with a reason.
  const waiting = await manager('GET', `/stores/${STORE}/price-change-requests?status=open`)
  assert.equal(waiting.status, 200, JSON.stringify(waiting.body))
  const open = waiting.body.items.find((r) => r.allowed_actions.includes('reject'))
  assert.ok(open, 'the demo has a price change waiting for manager1')
  await page.goto('/price-surveys?view=requests')
  await page.getByTestId(`price-request-reject-${open.id}`).click()
  await page.getByTestId('price-request-reject-dialog').waitFor()
  await settle(page)
  await box(page, 'price-request-reject-reason').fill('本周已有促销，暂不调价')
  await page.getByTestId('price-request-reject-save').click()
  await page.getByTestId(`price-request-reject-${open.id}`).waitFor({ state: 'detached' })
  const decided = await manager('GET', `/stores/${STORE}/price-change-requests`)
  const rejected = decided.body.items.find((r) => r.id === open.id)
  assert.equal(rejected.status, 'rejected')
  assert.equal(rejected.reason, '本周已有促销，暂不调价')

  // The gap report lists it, and the page fits a phone.
  await page.goto('/price-surveys?view=gaps')
  await page.getByTestId(`gap-${survey.id}-1`).waitFor()
  await page.setViewportSize(PHONE)
  assert.ok(await fitsWidth(page), 'the gaps fit the phone')
  await noSeriousAxe(page, 'price gaps on a phone')
})
