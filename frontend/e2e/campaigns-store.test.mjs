// In-store promotions, revisions and promoters against the real binary. manager1 (sh-pudong) on
// a desktop creates an in-store promotion (店内促销): the target is their store, shown and not
// chosen; two catalogue items no demo campaign sells, one task, priority 9; publishes it. On the
// Promoters tab they add a promoter and a shift of 4 hours with 20 units: 5 units per hour.
// They edit the published promotion (fixed fields read-only, existing task read-only) and
// reprice an item; the History tab says what changed. super1 on a phone sees the change banner
// above the store's task cards, acknowledges it (已知悉) and the banner goes. Each screen has no
// serious axe findings; nothing scrolls sideways on the phone.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fitsWidth, PHONE, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

/** SKUs of the demo campaigns (and the two promotions.test.mjs takes from the catalogue's end). */
const DEMO_SKUS = new Set(['P10041', 'P10042', 'P10043', 'P10047', 'P10048', 'P10049', 'P10050', 'P10055', 'P10057'])

function today(timeZone) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}
const plusDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const cents = (price) => Math.round(Number(price) * 100)
const priceAt = (price, share) => (Math.floor(cents(price) * share) / 100).toFixed(2)

async function confirmBox(page) {
  const dialog = page.locator('.el-message-box')
  await dialog.waitFor()
  await dialog.locator('.el-button--primary').click()
  await dialog.waitFor({ state: 'hidden' })
}

test('manager1 runs an in-store promotion with a promoter, changes it; super1 acknowledges the change; the history says what changed', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const stores = (await manager('GET', '/stores?page_size=500')).body.items
  const pudong = stores.find((s) => s.code === 'sh-pudong')
  assert.ok(pudong, 'the demo chain has sh-pudong')
  const active = (await manager('GET', '/products?active=true&page_size=500')).body.items
  const products = active.slice(0, -2).filter((p) => cents(p.retail_price) >= 200 && !DEMO_SKUS.has(p.sku)).slice(0, 2)
  assert.equal(products.length, 2, 'two catalogue items no demo campaign sells')
  const [first, second] = products
  const from = today(pudong.timezone)
  const to = plusDays(from, 6)
  const name = `e2e 店内促销 ${Date.now()}`

  // 1. manager1 on a desktop: the in-store builder, the target their store.
  let page = await browser.session()
  await signIn(page, 'manager1')
  await page.goto('/campaigns')
  await page.getByTestId('campaign-create-instore').click()
  await page.getByTestId('campaign-editor').waitFor()
  assert.match(await page.getByTestId('campaign-target-fixed').innerText(), /sh-pudong/)
  assert.equal(await page.getByTestId('campaign-target').count(), 0, 'no target choice for an in-store promotion')
  await box(page, 'campaign-name').fill(name)
  const range = page.getByTestId('campaign-period').locator('.el-range-input')
  await range.nth(0).fill(from)
  await range.nth(0).press('Enter')
  await range.nth(1).fill(to)
  await range.nth(1).press('Enter')
  await box(page, 'campaign-name').click()
  await page.locator('.el-date-range-picker').waitFor({ state: 'hidden' })
  await box(page, 'campaign-priority').fill('9')
  await page.getByTestId('items-paste-open').click()
  await box(page, 'items-paste-text').fill(products.map((p) => `${p.sku}\t${priceAt(p.retail_price, 0.9)}\t是`).join('\n'))
  await page.getByTestId('items-paste-add').click()
  for (const p of products) await box(page, `item-price-${p.sku}`).waitFor()
  await page.getByTestId('task-add').click()
  await box(page, 'task-title-0').fill('收银台旁陈列')
  await box(page, 'task-hours-0').fill('0')
  await page.getByTestId('task-photo-0').click()
  await noSeriousAxe(page, 'in-store builder desktop')
  await page.getByTestId('campaign-publish').click()
  await confirmBox(page)
  await page.waitForURL(/\/campaigns\/\d+(\?.*)?$/)
  const id = Number(new URL(page.url()).pathname.split('/').at(-1))
  await page.getByTestId('campaign-instore').waitFor()
  let campaign = (await manager('GET', `/campaigns/${id}`)).body
  assert.equal(campaign.status, 'published')
  assert.equal(campaign.owner_store_id, pudong.id)
  assert.deepEqual(campaign.target_store_ids, [pudong.id])
  assert.ok(campaign.allowed_actions.includes('edit'))

  // 2. Promoters: a promoter and a shift 09:00–13:00 with 20 units: 5 units per hour.
  await page.goto(`/campaigns/${id}?tab=promoters`)
  await page.getByTestId('promoters').waitFor()
  await page.getByTestId('promoters-empty').waitFor()
  await page.getByTestId('promoter-add').click()
  const promoterDialog = page.getByTestId('promoter-dialog')
  await promoterDialog.waitFor()
  await box(page, 'promoter-name').fill('李娜')
  await box(page, 'promoter-phone').fill('138 0013 8000')
  await box(page, 'promoter-agency').fill('蒙牛促销服务')
  await noSeriousAxe(page, 'promoter dialog')
  await promoterDialog.getByTestId('promoter-save').click()
  await promoterDialog.waitFor({ state: 'hidden' })
  const promoter = (await manager('GET', `/campaigns/${id}/promoters?store_id=${pudong.id}`)).body.promoters[0]
  assert.equal(promoter.name, '李娜')
  await page.getByTestId(`promoter-shift-add-${promoter.id}`).click()
  const shiftDialog = page.getByTestId('shift-dialog')
  await shiftDialog.waitFor()
  await box(page, 'shift-start').fill('09:00')
  await box(page, 'shift-end').fill('13:00')
  await page.getByTestId('shift-sku-0').click()
  await page.getByTestId(`shift-sku-0-${first.sku}`).click()
  await box(page, 'shift-qty-0').fill('20')
  await noSeriousAxe(page, 'shift dialog')
  await shiftDialog.getByTestId('shift-save').click()
  await shiftDialog.waitFor({ state: 'hidden' })
  await page.getByTestId('promoters-per-hour').filter({ hasText: /^5$/ }).waitFor()
  assert.equal((await page.getByTestId('promoters-hours').innerText()).trim(), '4')
  assert.equal((await page.getByTestId('promoters-units').innerText()).trim(), '20')
  await page.getByTestId('promoters-efficiency').waitFor()
  await page.getByTestId('promoters').locator('canvas').first().waitFor()
  await screenshot(page, 'campaign-promoters-desktop')
  await noSeriousAxe(page, 'promoters tab desktop')

  // 3. The published promotion changed: the second item repriced; fixed fields read-only.
  await page.goto(`/campaigns/${id}`)
  await page.getByTestId('campaign-edit').click()
  await page.getByTestId('campaign-revise-hint').waitFor()
  assert.ok(await box(page, 'campaign-priority').isDisabled(), 'priority is fixed once published')
  assert.ok(await box(page, 'task-title-0').isDisabled(), 'a published task stays as it is')
  const newPrice = priceAt(second.retail_price, 0.8)
  await box(page, `item-price-${second.sku}`).fill(newPrice)
  await noSeriousAxe(page, 'published builder desktop')
  await page.getByTestId('campaign-save-changes').click()
  await confirmBox(page)
  await page.getByTestId('campaign-history').waitFor()
  const revision = page.locator('[data-testid^="revision-"]').first()
  await revision.waitFor()
  const revisionText = await revision.innerText()
  assert.ok(revisionText.includes(second.sku) && revisionText.includes(newPrice), `the repriced item in the history: ${revisionText}`)
  await noSeriousAxe(page, 'history tab desktop')
  campaign = (await manager('GET', `/campaigns/${id}`)).body
  assert.equal(campaign.items.find((i) => i.sku === second.sku).promo_price, newPrice)

  // 4. super1 on a phone: the change above the task cards; "I have read it" clears it.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/campaigns')
  await page.getByTestId('store-tasks').waitFor()
  const banner = page.getByTestId(`change-banner-${id}`)
  await banner.waitFor()
  const bannerText = await banner.innerText()
  assert.ok(bannerText.includes(name) && bannerText.includes(second.sku), `the change on the banner: ${bannerText}`)
  assert.ok(await fitsWidth(page), 'no sideways scrolling with the banner')
  await screenshot(page, 'campaign-change-banner-phone')
  await noSeriousAxe(page, 'change banner phone')
  await page.getByTestId(`change-ack-${id}`).click()
  await banner.waitFor({ state: 'detached' })
  const supervisor = await apiAs(server.baseURL, 'super1')
  const execution = (await supervisor('GET', `/stores/${pudong.id}/campaign-executions?campaign_id=${id}`)).body.items[0]
  assert.equal(execution.changed_since_ack, false)
  await page.goto(`/campaigns/${id}?tab=history`)
  await page.locator('[data-testid^="revision-"]').first().waitFor()
  assert.equal(await page.getByTestId(`change-banner-${id}`).count(), 0)
  assert.ok(await fitsWidth(page), 'no sideways scrolling on the history')
  await noSeriousAxe(page, 'history tab phone')
  await page.goto(`/campaigns/${id}?tab=promoters`)
  await page.getByTestId('promoters-per-hour').filter({ hasText: /^5$/ }).waitFor()
  assert.ok(await fitsWidth(page), 'no sideways scrolling on the promoters')
  await noSeriousAxe(page, 'promoters tab phone')
  assert.deepEqual(browser.problems, [])
})
