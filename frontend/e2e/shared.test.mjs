// The shared list pieces (src/components/shared) on the products, users and suppliers pages: a table
// on a desktop, cards on a phone with the main action inside the screen and big enough to
// tap, no sideways scrolling, filters folded behind a toggle on the phone, and no serious or
// critical accessibility problems either way.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { DESKTOP, launchBrowser, login, screenshot, settle } from './helpers/browser.mjs'
import { seriousViolations } from './helpers/axe.mjs'

const PHONE_390 = { width: 390, height: 844 }

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser(server.baseURL)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

const PAGES = [
  { nav: 'products', list: 'products', row: 'P10001', card: 'product-card-P10001', action: 'product-edit-P10001', filters: 'product-filters' },
  { nav: 'users', list: 'users', row: 'super1', card: 'user-card-super1', action: 'user-edit-super1', filters: 'user-filters' },
  { nav: 'suppliers', list: 'suppliers', row: 'farm-base', card: 'supplier-card-farm-base', action: 'supplier-edit-farm-base', filters: 'supplier-filters' },
]

const noSidewaysScroll = (page) => page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth)

for (const viewport of [PHONE_390, DESKTOP]) {
  const phone = viewport === PHONE_390
  for (const spec of PAGES) {
    test(`${spec.nav} on a ${phone ? 'phone' : 'desktop'}: ${phone ? 'cards' : 'a table'}, the main action in reach, no serious axe findings`, async () => {
      const page = await browser.session(viewport)
      await login(page, 'admin')
      await page.getByTestId('home-admin').waitFor()
      await page.goto(`/${spec.nav}`)
      await page.getByTestId(`${spec.nav}-page`).waitFor()

      const shown = page.getByTestId(phone ? `${spec.list}-cards` : `${spec.list}-table`)
      await shown.getByText(spec.row, { exact: true }).first().waitFor()
      assert.equal(await page.getByTestId(phone ? `${spec.list}-table` : `${spec.list}-cards`).count(), 0, 'only one of table and cards')

      const action = phone ? page.getByTestId(spec.card).getByTestId(spec.action) : page.getByTestId(spec.action)
      await action.scrollIntoViewIfNeeded()
      const box = await action.boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, `the main action is inside the screen: ${JSON.stringify(box)}`)
      if (phone) {
        assert.ok(box.height >= 44, `a touch target of 44 px at least: ${box.height}`)
        const card = await page.getByTestId(spec.card).boundingBox()
        assert.ok(box.width >= card.width - 40, `the main action spans the card: ${box.width} of ${card.width}`)
      }
      assert.ok(await noSidewaysScroll(page), 'no sideways scrolling')

      // The filters: one row on a desktop; on a phone folded behind a toggle until opened.
      const toggle = page.getByTestId(`${spec.filters}-toggle`)
      if (phone) {
        assert.equal(await toggle.count(), 1, 'a filters toggle on the phone')
        await toggle.click()
        assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
        assert.ok(await noSidewaysScroll(page), 'no sideways scrolling with the filters open')
      } else {
        assert.equal(await toggle.count(), 0, 'no filters toggle on a desktop')
      }

      await settle(page)
      assert.deepEqual(await seriousViolations(page, [`[data-testid="${spec.nav}-page"]`]), [])
      await screenshot(page, `shared-${spec.nav}-${phone ? 'phone' : 'desktop'}`)

      // Opening the main action keeps working from where it sits (a full-screen dialog on the phone).
      await action.click()
      const dialog = page.locator('.el-dialog:visible').first()
      await dialog.waitFor()
      if (phone) assert.ok(await dialog.evaluate((el) => el.classList.contains('is-fullscreen')), 'full-screen on the phone')
    })
  }
}
