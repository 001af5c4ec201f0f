// Stocktakes (盘点) against the real binary — the "Done means": super1 plans a blind
// cycle count of one produce category (菌菇) with two zones and starts it; counts both zones
// (one on a phone with the number pad); one line is far off the book, manager1 assigns its
// recount to a second produce supervisor who recounts it; a sale is posted during the count;
// super1 submits (start, count and submit from the list's cards on a phone, each checked to be in
// reach), manager1 approves; then on-hand = counted + movements since the freeze and
// the accuracy shows in the history with its chart. Counters of the blind count never see
// book quantities.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { login, PASSWORD, PHONE, screenshot, settle } from './helpers/browser.mjs'
import { apiAs as apiAsUser, suite } from './helpers/suite.mjs'

const ctx = suite()

/** A signed-in API client from Node (own cookie jar), for set-up and checks beside the browser. */
const apiAs = (username) => apiAsUser(ctx.server.baseURL, username)

const storeToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
const milli = (q) => Math.round(Number(q) * 1000)
const qty3 = (m) => (m / 1000).toFixed(3)

async function signIn(page, username) {
  await login(page, username)
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.getByTestId('nav-toggle').or(page.getByTestId('nav-home')).first().waitFor()
}

async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

/** Types a quantity on the number pad ("3.511" → 3 . 5 1 1) and presses OK. */
async function padEnter(page, qty) {
  const text = qty.replace(/\.?0+$/, '') || '0'
  for (const ch of text) await page.getByTestId(ch === '.' ? 'numpad-dot' : `numpad-${ch}`).click()
  assert.equal(await page.getByTestId('numpad-display').locator('.value').innerText(), text)
  await page.getByTestId('numpad-ok').click()
}

async function countLine(page, sku, qty) {
  await page.getByTestId('counting-search').fill(sku)
  await page.getByTestId(`counting-pick-${sku}`).click()
  await page.getByTestId('numpad').waitFor()
  await padEnter(page, qty)
  await page.getByTestId(`counting-line-${sku}`).waitFor()
}

async function sendSheet(page) {
  await page.getByTestId('counting-send').click()
  await confirmBox(page)
  await page.locator('.el-message--success').last().waitFor()
  await page.waitForFunction(() => !document.querySelector('[data-testid="counting-unsent"]'))
}

/**
 * A list action on a phone: scrolled to, it lies wholly inside the screen's width, and the
 * page does not scroll sideways (as a table, the list put start/count/submit at x = 744).
 */
async function assertInReach(page, testid) {
  const button = page.getByTestId(testid)
  await button.scrollIntoViewIfNeeded()
  const box = await button.boundingBox()
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${testid} on screen: ${JSON.stringify(box)}`)
  assert.ok(box.height >= 32, `${testid} is a touch target: ${box.height} px high`)
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
}

/** The texts a blind counter must never see: every book quantity as shown. */
async function assertNoBook(page, book, where) {
  // The page's text without the notices that say book quantities are hidden, and without
  // what the counter typed themselves (their list and its toasts).
  const text = await page.evaluate(() => {
    const clone = document.body.cloneNode(true)
    clone.querySelectorAll('[data-testid="counting-blind"], [data-testid="variance-hidden"], [data-testid="counting-entries"], .el-message').forEach((el) => el.remove())
    return clone.textContent
  })
  assert.ok(!text.includes('账面'), `${where}: no book column`)
  for (const [sku, q] of Object.entries(book)) {
    if (milli(q) % 1000 !== 0) assert.ok(!text.includes(q), `${where}: book ${q} of ${sku} not shown`)
  }
}

test('blind cycle count: plan, count on a phone, recount by another counter, sale during count, approve, accuracy', async () => {
  const { browser } = ctx
  const admin = await apiAs('admin')
  const manager = await apiAs('manager1')

  // A second produce supervisor of store 1, the recounter.
  const created = await admin('POST', '/users', {
    username: 'super3',
    display_name: '王主管（果蔬）',
    role: 'supervisor',
    store_id: 1,
    department_codes: ['produce'],
    password: PASSWORD,
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const super3Id = created.body.id

  // 1. super1 plans the blind cycle count of 菌菇 with two zones and starts it.
  let page = await browser.session()
  await signIn(page, 'super1')
  await page.getByTestId('nav-stocktakes').click()
  await page.getByTestId('stocktake-list').waitFor()
  await page.getByTestId('stocktake-new').click()
  const dialog = page.getByTestId('stocktake-dialog')
  await dialog.waitFor()
  await page.getByTestId('plan-department').click()
  await page.getByTestId('plan-dept-produce').click()
  await page.getByTestId('plan-cat-菌菇').click()
  assert.equal(await page.getByTestId('plan-blind').locator('input').isChecked(), true, 'blind by default')
  await page.getByTestId('plan-zone-销售区').click()
  await screenshot(page, 'stocktake-plan-desktop')
  await page.getByTestId('plan-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const list = await (await apiAs('super1'))('GET', '/stores/1/stocktakes')
  const st = list.body.items[0]
  assert.deepEqual([st.scope, st.department_code, st.categories, st.blind, st.zones], ['cycle', 'produce', ['菌菇'], true, ['冷库', '销售区']])
  const id = st.id
  await page.getByTestId(`stocktake-start-${id}`).waitFor()
  await screenshot(page, 'stocktake-list-desktop')
  // On a phone the list is cards with start in reach; super1 starts the count there.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/stocktakes')
  await page.getByTestId(`stocktake-card-${id}`).waitFor()
  await assertInReach(page, `stocktake-start-${id}`)
  await page.getByTestId(`stocktake-start-${id}`).click()
  await confirmBox(page)
  await page.getByTestId(`stocktake-status-${id}`).getByText('盘点中').waitFor()
  await assertInReach(page, `stocktake-count-${id}`)
  await screenshot(page, 'stocktake-list-phone')

  // Book quantities at the freeze, read as the manager (counters of a blind count may not).
  const variance = await manager('GET', `/stocktakes/${id}/variance?page_size=100`)
  assert.equal(variance.status, 200)
  const book = Object.fromEntries(variance.body.items.map((l) => [l.sku, l.book_qty]))
  const skus = Object.keys(book).sort()
  assert.equal(skus.length, st.item_count)
  const blindRefusal = await (await apiAs('super1'))('GET', `/stocktakes/${id}/variance`)
  assert.equal(blindRefusal.status, 403)
  assert.equal(blindRefusal.body.error.code, 'blind_stocktake')

  // What is counted: the book (never below 0), except one SKU far below it (over tolerance).
  const counted = Object.fromEntries(skus.map((sku) => [sku, qty3(Math.max(0, milli(book[sku])))]))
  const off = skus.reduce((best, sku) => (milli(book[sku]) > milli(book[best]) ? sku : best), skus[0])
  assert.ok(milli(book[off]) >= 2000, `a SKU with enough book to be off: ${off} ${book[off]}`)
  const offCount = qty3(Math.floor(milli(book[off]) / 4000) * 1000)
  const zoneA = skus.slice(0, Math.ceil(skus.length / 2))
  const zoneB = skus.slice(zoneA.length)

  // 2. super1 counts zone 冷库 on the phone with the number pad, opened from the list.
  await page.getByTestId(`stocktake-count-${id}`).click()
  await page.getByTestId('counting-view').waitFor()
  await page.getByTestId('counting-zone-冷库').click()
  assert.ok(await page.getByTestId('counting-blind').isVisible(), 'the blind notice shows')
  assert.equal(await page.getByTestId('counting-variance').count(), 0, 'no variance link for a blind counter')
  for (const sku of zoneA) await countLine(page, sku, sku === off ? offCount : counted[sku])
  // Entering a listed SKU again adds to it; editing sets it back.
  const again = zoneA.find((s) => s !== off && milli(counted[s]) > 0) ?? zoneA[0]
  await countLine(page, again, '1')
  assert.equal(await page.getByTestId(`counting-line-${again}`).count(), 1, 'one line per SKU')
  await page.getByTestId(`counting-edit-${again}`).click()
  for (let i = 0; i < 12; i++) await page.getByTestId('numpad-back').click()
  await padEnter(page, counted[again])
  await assertNoBook(page, book, 'phone counting')
  await settle(page)
  await screenshot(page, 'stocktake-counting-phone')
  await sendSheet(page)
  await page.getByTestId('counting-progress').getByText(`已盘 ${zoneA.length} / ${skus.length}`).waitFor()

  // A sale during the count (after the freeze): manager1 posts today's sale of one SKU.
  const sold = zoneB[0] ?? zoneA[0]
  const before = await manager('GET', `/stores/1/inventory?q=${sold}`)
  const sale = await manager('POST', '/stores/1/sales', {
    lines: [{ business_date: storeToday(), sku: sold, qty: '1.000', net_sales: '9.90', cost: '6.00' }],
  })
  assert.ok(sale.status === 200 || sale.status === 201, JSON.stringify(sale.body))
  const afterSale = await manager('GET', `/stores/1/inventory?q=${sold}`)
  const saleDelta = milli(afterSale.body.items[0].on_hand) - milli(before.body.items[0].on_hand)
  assert.ok(saleDelta < 0, `the sale took stock out (${saleDelta})`)

  // Zone 销售区, still on the phone (keyboard input works too).
  await page.getByTestId('counting-zone-销售区').click()
  assert.equal(await page.getByTestId('counting-entries').locator('li').count(), 0, 'each zone has its own list')
  for (const sku of zoneB) {
    await page.getByTestId('counting-search').fill(sku).catch(async (err) => {
      await screenshot(page, 'stocktake-debug')
      throw err
    })
    await page.getByTestId(`counting-pick-${sku}`).click()
    await page.getByTestId('numpad').waitFor()
    await page.keyboard.type((sku === off ? offCount : counted[sku]).replace(/\.?0+$/, '') || '0')
    await page.keyboard.press('Enter')
    await page.getByTestId(`counting-line-${sku}`).waitFor()
  }
  await assertNoBook(page, book, 'phone counting zone B')
  await sendSheet(page)

  // Submitting now is refused: the off line waits for a recount.
  const early = await (await apiAs('super1'))('POST', `/stocktakes/${id}/submit`, {})
  assert.equal(early.status, 422)
  assert.equal(early.body.error.code, 'recount_open')
  // The blind counter's variance screen shows no numbers.
  await page.goto(`/stocktakes?id=${id}&view=variance`)
  await page.getByTestId('variance-hidden').waitFor()
  await assertNoBook(page, book, 'blind variance')

  // 3. manager1 reviews the variance and assigns the recount to super3.
  page = await browser.session()
  await signIn(page, 'manager1')
  await page.goto(`/stocktakes?id=${id}&view=variance`)
  await page.getByTestId('variance-table').waitFor()
  await page.getByTestId('variance-filter-over').click()
  await page.getByTestId(`variance-flags-${off}`).getByText('超容差').waitFor()
  assert.ok(await page.getByTestId(`variance-flags-${off}`).getByText('待复盘').isVisible())
  await screenshot(page, 'stocktake-variance-desktop')
  await page.getByTestId('variance-table').locator('tbody tr').first().locator('.el-checkbox').click()
  await page.getByTestId('variance-assign-recount').click()
  await page.getByTestId('recount-dialog').waitFor()
  await page.getByTestId('recount-counter').click()
  await page.getByTestId('recount-counter-super3').click()
  await page.getByTestId('recount-save').click()
  await page.getByTestId('recount-dialog').waitFor({ state: 'hidden' })
  const afterAssign = await manager('GET', `/stocktakes/${id}`)
  assert.deepEqual(afterAssign.body.summary.needs_recount_skus, [off])

  // The manager on a phone: each line is a card with book, counted and difference on screen,
  // no sideways scrolling (the table put them beyond x = 390).
  page = await browser.session(PHONE)
  await signIn(page, 'manager1')
  await page.goto(`/stocktakes?id=${id}&view=variance`)
  const card = page.getByTestId(`variance-card-${off}`)
  await card.waitFor()
  for (const part of ['book', 'counted', 'qty']) {
    const box = await page.getByTestId(`variance-${part}-${off}`).boundingBox()
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${part} on screen: ${JSON.stringify(box)}`)
  }
  assert.equal((await page.getByTestId(`variance-counted-${off}`).innerText()).replace(/,/g, ''), String(Number(offCount)))
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await screenshot(page, 'stocktake-variance-phone')

  // super1 may not recount their own line.
  const same = await (await apiAs('super1'))('POST', `/stocktakes/${id}/counts`, { zone: '冷库', recount: true, lines: [{ sku: off, qty: book[off] }] })
  assert.equal(same.status, 422)
  assert.ok(['same_counter', 'not_assignee'].includes(same.body.error.code), same.body.error.code)

  // 4. super3 recounts it on a phone.
  page = await browser.session(PHONE)
  await signIn(page, 'super3')
  await page.goto(`/stocktakes?id=${id}&view=count`)
  await page.getByTestId('counting-view').waitFor()
  await page.getByTestId('counting-mode-recount').click()
  await page.getByTestId(`counting-pick-${off}`).click()
  await padEnter(page, counted[off])
  await assertNoBook(page, book, 'recount')
  await screenshot(page, 'stocktake-recount-phone')
  await sendSheet(page)

  // 5. super1 submits from the list, on the phone (the button in reach on the card).
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/stocktakes')
  await assertInReach(page, `stocktake-submit-${id}`)
  await page.getByTestId(`stocktake-submit-${id}`).click()
  await confirmBox(page)
  await page.getByTestId(`stocktake-status-${id}`).getByText('已提交').waitFor()

  // 6. manager1 approves.
  page = await browser.session()
  await signIn(page, 'manager1')
  await page.goto(`/stocktakes?id=${id}&view=variance`)
  await page.getByTestId('variance-approve').click()
  await confirmBox(page)
  await page.getByTestId('variance-status').getByText('已审核').waitFor()

  // On-hand = counted + movements since the freeze (the sale).
  for (const sku of skus) {
    const inv = await manager('GET', `/stores/1/inventory?q=${sku}`)
    const expected = milli(counted[sku]) + (sku === sold ? saleDelta : 0)
    assert.equal(milli(inv.body.items[0].on_hand), expected, `${sku}: on-hand ${inv.body.items[0].on_hand}, counted ${counted[sku]}`)
  }
  await page.getByTestId('nav-inventory').click()
  await page.getByTestId('inventory-search').fill(sold)
  await page.getByTestId('inventory-search').press('Enter')
  const shown = await page.getByTestId(`onhand-${sold}`).innerText()
  assert.equal(milli(shown.replace(/,/g, '')), milli(counted[sold]) + saleDelta, `inventory screen shows ${shown}`)

  // 7. The accuracy in the history, with its chart.
  const approved = await manager('GET', `/stocktakes/${id}`)
  const accuracy = approved.body.accuracy
  assert.match(accuracy, /^0\.\d{4}$|^1\.0000$/)
  await page.getByTestId('nav-stocktakes').click()
  await page.getByTestId('stocktake-tabs').getByText('历史与准确率').click()
  const pct = `${Math.round(Number(accuracy) * 10000) / 100}%`
  await page.getByTestId(`history-accuracy-${id}`).getByText(pct).waitFor()
  assert.equal(await page.getByTestId('history-latest').innerText(), pct)
  const canvas = page.getByTestId('accuracy-chart').locator('canvas').first()
  await canvas.waitFor()
  await canvas.evaluate(
    (c) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + 10_000
        const check = () => {
          const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
          let painted = 0
          for (let i = 3; i < data.length; i += 28) if (data[i] > 0) painted++
          if (painted > 200) resolve(painted)
          else if (Date.now() > deadline) reject(new Error(`chart not painted (${painted})`))
          else requestAnimationFrame(check)
        }
        check()
      }),
  )
  await screenshot(page, 'stocktake-history-desktop')
  assert.deepEqual(browser.problems, [])
  void super3Id
})
