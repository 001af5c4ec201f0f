// Promotions against the real binary. hq1 on a desktop builds a campaign for sh-pudong and
// gz-tianhe: the items pasted from a spreadsheet (two good lines, one unknown SKU reported by
// its line), two tasks due at the start of the first day (one needs a photo), priority 9 so no
// demo campaign's items can stop it; saves and publishes after the confirmation. super1 on a
// phone sees both tasks overdue on their cards, cannot complete the photo task without a
// photo, takes one with the camera input and completes it. hq1 opens compliance: sh-pudong at
// 50 % (one done late, one overdue), and the photo in the drawer of that cell. Each screen has
// no serious axe findings and nothing to scroll sideways on the phone.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fitsWidth, PHONE, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

/** A 1×1 PNG, the photo of the display. */
const PHOTO = {
  name: 'display.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}

/** Today in the store's time zone, and six days later. */
function period(timeZone) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return [today, new Date(Date.parse(`${today}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10)]
}

/** 90 % of a price, in cents rounded down: above 0 and below the price. */
const promoOf = (price) => {
  const cents = Math.round(Number(price) * 100)
  return (Math.floor(cents * 0.9) / 100).toFixed(2)
}

test('hq1 builds and publishes a campaign; super1 completes a task with a photo on a phone; hq1 sees 50 % and the photo', async () => {
  const { browser, server } = ctx
  const hq = await apiAs(server.baseURL, 'hq1')
  const stores = (await hq('GET', '/stores?page_size=500')).body.items
  const pudong = stores.find((s) => s.code === 'sh-pudong')
  const tianhe = stores.find((s) => s.code === 'gz-tianhe')
  assert.ok(pudong && tianhe, 'the demo chain has sh-pudong and gz-tianhe')
  // Two active products priced above 1.00, from the end of the catalogue.
  const products = (await hq('GET', '/products?active=true&page_size=500')).body.items.filter((p) => Number(p.retail_price) >= 1).slice(-2)
  assert.equal(products.length, 2)
  const [from, to] = period(pudong.timezone)
  const name = `e2e 促销 ${Date.now()}`

  // 1. hq1 on a desktop: the builder.
  let page = await browser.session()
  await signIn(page, 'hq1')
  await page.getByTestId('nav-campaigns').click()
  await page.getByTestId('campaigns-page').waitFor()
  await page.getByTestId('campaign-create').click()
  await page.getByTestId('campaign-editor').waitFor()
  await box(page, 'campaign-name').fill(name)
  const range = page.getByTestId('campaign-period').locator('.el-range-input')
  await range.nth(0).fill(from)
  await range.nth(0).press('Enter')
  await range.nth(1).fill(to)
  await range.nth(1).press('Enter')
  await box(page, 'campaign-name').click()
  await page.locator('.el-date-range-picker').waitFor({ state: 'hidden' })
  await box(page, 'campaign-priority').fill('9')
  await page.getByTestId('campaign-stores').click()
  await page.getByTestId('campaign-store-sh-pudong').click()
  await page.getByTestId('campaign-store-gz-tianhe').click()
  await page.keyboard.press('Escape')

  // Items pasted as from a spreadsheet: two good lines and an unknown SKU, reported by its line.
  await page.getByTestId('items-paste-open').click()
  const lines = products.map((p) => `${p.sku}\t${promoOf(p.retail_price)}\t是`)
  await box(page, 'items-paste-text').fill([...lines, 'NOSUCHSKU9\t1.00'].join('\n'))
  await page.getByTestId('items-paste-add').click()
  await page.getByTestId('items-paste-problem-3').waitFor()
  assert.match(await page.getByTestId('items-paste-problem-3').innerText(), /NOSUCHSKU9/)
  for (const p of products) {
    await page.getByTestId('campaign-items-table').getByText(p.name).first().waitFor()
    assert.equal(await box(page, `item-price-${p.sku}`).inputValue(), promoOf(p.retail_price))
  }

  // Two tasks due at the start of the first day; only the first needs a photo.
  await page.getByTestId('task-add').click()
  await box(page, 'task-title-0').fill('入口堆头陈列')
  await box(page, 'task-hours-0').fill('0')
  await page.getByTestId('task-add').click()
  await box(page, 'task-title-1').fill('价签更换')
  await box(page, 'task-hours-1').fill('0')
  await page.getByTestId('task-photo-1').click()
  await screenshot(page, 'campaign-builder-desktop')
  await noSeriousAxe(page, 'builder desktop')

  await page.getByTestId('campaign-publish').click()
  const confirmBox = page.locator('.el-message-box')
  await confirmBox.waitFor()
  assert.match(await confirmBox.innerText(), new RegExp(name))
  await confirmBox.locator('.el-button--primary').click()
  await page.waitForURL(/\/campaigns\/\d+(\?.*)?$/)
  const id = Number(new URL(page.url()).pathname.split('/').at(-1))
  await page.getByTestId('compliance').waitFor()
  assert.match(await page.getByTestId('campaign-status').innerText(), /已发布/)
  const campaign = (await hq('GET', `/campaigns/${id}`)).body
  assert.equal(campaign.status, 'published')
  assert.equal(campaign.priority, 9)
  assert.deepEqual(campaign.target_store_ids.sort(), [pudong.id, tianhe.id].sort())
  assert.deepEqual(campaign.items.map((i) => i.sku).sort(), products.map((p) => p.sku).sort())
  assert.deepEqual(campaign.tasks.map((t) => [t.title, t.due_hours, t.photo_required]), [['入口堆头陈列', 0, true], ['价签更换', 0, false]])
  const [photoTask, labelTask] = campaign.tasks

  // 2. super1 (sh-pudong) on a phone: both tasks are overdue; the photo one needs a photo.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/campaigns')
  await page.getByTestId('store-tasks').waitFor()
  const runs = (await (await apiAs(server.baseURL, 'super1'))('GET', `/stores/${pudong.id}/campaign-executions?campaign_id=${id}`)).body.items[0].tasks
  const photoRun = runs.find((r) => r.task.id === photoTask.id)
  const card = page.getByTestId(`task-card-${photoRun.id}`)
  await card.waitFor()
  const cardText = await card.innerText()
  for (const part of [name, '入口堆头陈列', '已逾期', '需拍照']) assert.ok(cardText.includes(part), `${part} on the card: ${cardText}`)
  assert.ok(await fitsWidth(page), 'no sideways scrolling on the task cards')
  await screenshot(page, 'campaign-tasks-phone')
  await noSeriousAxe(page, 'store tasks phone')

  await page.getByTestId(`task-complete-${photoRun.id}`).click()
  const dialog = page.getByTestId('task-complete-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('task-photo-required').waitFor()
  await box(page, 'task-complete-note').fill('堆头已按图陈列')
  await dialog.getByTestId('task-complete-save').click()
  await dialog.locator('.el-form-item__error', { hasText: '请先拍一张照片' }).waitFor()
  await dialog.getByTestId('photo-input-camera').setInputFiles(PHOTO)
  await dialog.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  assert.ok(await fitsWidth(page), 'no sideways scrolling in the dialog')
  await noSeriousAxe(page, 'complete dialog phone')
  await dialog.getByTestId('task-complete-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await card.waitFor({ state: 'detached' })
  const labelCard = page.getByTestId(`task-card-${runs.find((r) => r.task.id === labelTask.id).id}`)
  await labelCard.waitFor()

  // 3. hq1 on a desktop: sh-pudong at 50 % (one done late, one overdue), the photo in the cell.
  page = await browser.session()
  await signIn(page, 'hq1')
  await page.goto(`/campaigns/${id}?tab=compliance`)
  const pct = page.getByTestId(`compliance-pct-${pudong.id}`)
  await pct.waitFor()
  assert.equal((await pct.innerText()).trim(), '50 %')
  assert.equal((await page.getByTestId(`compliance-pct-${tianhe.id}`).innerText()).trim(), '0 %')
  assert.equal(await page.getByTestId(`cell-${pudong.id}-${photoTask.id}`).getAttribute('data-state'), 'late')
  await page.getByTestId('compliance-charts').locator('canvas').first().waitFor()
  assert.match(await page.getByTestId('compliance-updated').innerText(), /更新于/)
  await screenshot(page, 'campaign-compliance-desktop')
  await noSeriousAxe(page, 'compliance desktop')
  await page.getByTestId(`cell-${pudong.id}-${photoTask.id}`).click()
  const drawer = page.getByTestId('run-drawer')
  await drawer.getByTestId('run-photos').locator('img').first().waitFor()
  assert.equal(await drawer.getByTestId('run-note').innerText(), '堆头已按图陈列')
  const loaded = await drawer.getByTestId('run-photos').locator('img').first().evaluate((img) => img.complete && img.naturalWidth > 0)
  assert.ok(loaded, 'the thumbnail loads')
  await screenshot(page, 'campaign-run-drawer-desktop')
  await noSeriousAxe(page, 'run drawer desktop')

  // The list shows it published with its compliance.
  await page.goto('/campaigns')
  await page.getByTestId(`campaign-pct-${id}`).filter({ hasText: '%' }).waitFor()
  await noSeriousAxe(page, 'campaign list desktop')
  assert.deepEqual(browser.problems, [])
})
