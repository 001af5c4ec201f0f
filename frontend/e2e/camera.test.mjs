// The phone camera on the counting screen, against the real binary. Chromium gets a fake
// camera whose picture is an EAN-13 barcode of a demo product (drawn by
// helpers/barcodeVideo.mjs in set-up); super1 opens the counting screen of a started
// stocktake on a phone, taps the camera button, the product is selected, a count is typed
// on the pad and the sheet is saved. Also: a camera that sees no code shows that it scans
// and is stopped on close; a typed unknown code and a code outside the stocktake say so;
// a browser without a camera falls back to typing with a message.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, login, PASSWORD, screenshot, settle } from './helpers/browser.mjs'
import { writeBarcodeVideo } from './helpers/barcodeVideo.mjs'
import { seriousViolations } from './helpers/axe.mjs'

const PHONE_390 = { width: 390, height: 844 }

let server
let dir
let camera // Chromium with a fake camera showing the barcode
let blank // Chromium with a fake camera that sees no barcode
let plain // Chromium as the other tests launch it: no camera at all
let api
let stocktakeId
let target // the barcoded product counted by camera
let outside // a barcoded produce product outside the stocktake's category

/** A signed-in API client from Node (own cookie jar), for set-up and checks. */
async function apiAs(username) {
  const res = await fetch(`${server.baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  assert.equal(res.status, 200, `login ${username}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${server.baseURL}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

before(async () => {
  server = await startServer()
  api = await apiAs('super1')
  const products = await api('GET', '/products?department_code=produce&page_size=200')
  assert.equal(products.status, 200)
  const mushrooms = products.body.items.filter((p) => p.category === '菌菇')
  target = mushrooms.find((p) => p.barcode)
  outside = products.body.items.find((p) => p.category !== '菌菇' && p.barcode)
  assert.ok(target && outside, 'the demo catalogue has barcoded produce (each-priced items)')

  const planned = await api('POST', '/stores/1/stocktakes', {
    scope: 'cycle',
    department_code: 'produce',
    categories: ['菌菇'],
    blind: true,
    zones: ['销售区'],
  })
  assert.equal(planned.status, 201, JSON.stringify(planned.body))
  stocktakeId = planned.body.id
  const started = await api('POST', `/stocktakes/${stocktakeId}/start`, {})
  assert.equal(started.status, 200, JSON.stringify(started.body))

  dir = await mkdtemp(join(tmpdir(), 'storeops-camera-'))
  const fakeCamera = (file) => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`]
  camera = await launchBrowser(server.baseURL, { extraArgs: fakeCamera(await writeBarcodeVideo(join(dir, 'barcode.y4m'), target.barcode)) })
  blank = await launchBrowser(server.baseURL, { extraArgs: fakeCamera(await writeBarcodeVideo(join(dir, 'blank.y4m'), null)) })
  plain = await launchBrowser(server.baseURL)
})

after(async () => {
  await camera?.close()
  await blank?.close()
  await plain?.close()
  await server?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function openCounting(browser) {
  const page = await browser.session(PHONE_390)
  await login(page, 'super1')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  await page.goto(`/stocktakes?id=${stocktakeId}&view=count`)
  await page.getByTestId('counting-view').waitFor()
  await page.getByTestId('counting-search').waitFor()
  return page
}

test('a barcode from the camera selects the product; its count is entered and saved', async () => {
  const page = await openCounting(camera)
  // What this change adds to the screen (the rest predates it and is checked elsewhere).
  const violations = await seriousViolations(page, ['.scan-field'])
  assert.deepEqual(violations, [], 'no serious accessibility problems in the scan field')
  const button = await page.getByTestId('scan-open').boundingBox()
  assert.ok(button.width >= 44 && button.height >= 40, `a big camera button: ${JSON.stringify(button)}`)

  await page.getByTestId('scan-open').click()
  // The fake camera shows the code at once: the view may close before a screenshot.
  await page.getByTestId('counting-entry').waitFor({ timeout: 15_000 })
  assert.equal(await page.getByTestId('scan-camera').count(), 0, 'the camera view closed after the read')
  assert.equal(await page.getByTestId('counting-selected-name').innerText(), target.name)
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'counting-entry', 'the pad has the focus')
  const tracks = await page.evaluate(() => document.querySelectorAll('video').length)
  assert.equal(tracks, 0, 'no video element (and camera) left behind')
  await screenshot(page, 'counting-scanned-phone')

  for (const key of ['1', '2']) await page.getByTestId(`numpad-${key}`).click()
  await page.getByTestId('numpad-ok').click()
  await page.getByTestId(`counting-line-${target.sku}`).waitFor()
  assert.match(await page.getByTestId(`counting-qty-${target.sku}`).innerText(), /12/)
  await page.getByTestId('counting-send').click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await page.waitForFunction(() => !document.querySelector('[data-testid="counting-unsent"]'))

  const detail = await api('GET', `/stocktakes/${stocktakeId}`)
  const sheet = detail.body.summary.sheets.find((s) => s.zone === '销售区' && s.kind === 'count')
  assert.ok(sheet, JSON.stringify(detail.body.summary))
  assert.equal(sheet.lines, 1)
  assert.equal(detail.body.summary.counted, 1)
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE_390.width, 'no sideways scrolling')
})

test('the camera view shows that it scans, and closing it stops the camera', async () => {
  const page = await openCounting(blank)
  await page.getByTestId('scan-open').click()
  await page.locator('[data-testid="scan-status"][data-state="scanning"]').waitFor()
  await page.getByText('把条码放进框内，保持稳定').waitFor()
  assert.equal(await page.evaluate(() => document.querySelector('video')?.srcObject?.active), true, 'the camera runs')
  await settle(page)
  await screenshot(page, 'scan-camera-phone')
  assert.deepEqual(await seriousViolations(page, ['[data-testid="scan-camera"]']), [])

  const stream = await page.evaluateHandle(() => document.querySelector('video').srcObject)
  await page.getByTestId('scan-close').click()
  await page.getByTestId('scan-camera').waitFor({ state: 'detached' })
  assert.equal(await stream.evaluate((s) => s.getTracks().every((t) => t.readyState === 'ended')), true, 'the camera was stopped')
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'counting-search', 'back to typing')
  assert.equal(await page.getByTestId('counting-entry').count(), 0, 'nothing selected')
})

test('typed codes: an unknown one and one outside the stocktake say so', async () => {
  const page = await openCounting(camera)
  const search = page.getByTestId('counting-search')
  await search.fill('4006381333931')
  await search.press('Enter')
  await page.getByTestId('counting-scan-message').getByText('没有条码为 4006381333931 的商品').waitFor()
  assert.deepEqual(await seriousViolations(page, ['[data-testid="counting-scan-message"]']), [])

  await search.fill(outside.barcode)
  await search.press('Enter')
  await page.getByTestId('counting-scan-message').getByText(`${outside.name}（${outside.barcode}）不在本次盘点范围内`).waitFor()
  assert.equal(await page.getByTestId('counting-entry').count(), 0, 'nothing selected')

  // A keyboard scanner typing the product's code and Enter selects it, as the camera does.
  await search.fill(target.barcode)
  await search.press('Enter')
  await page.getByTestId('counting-entry').waitFor()
  assert.equal(await page.getByTestId('counting-selected-name').innerText(), target.name)
})

test('without a camera the button explains and typing goes on', async () => {
  const page = await openCounting(plain)
  await page.getByTestId('scan-open').click()
  const notice = page.getByTestId('scan-notice')
  await notice.waitFor()
  assert.match(await notice.innerText(), /摄像头/)
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'counting-search', 'the cursor is in the field')
  await settle(page)
  await screenshot(page, 'counting-no-camera-phone')
  assert.deepEqual(await seriousViolations(page, ['.scan-field']), [])
})

test('no page error or CSP violation was seen', () => {
  assert.deepEqual(camera.problems, [])
  assert.deepEqual(blank.problems, [])
  assert.deepEqual(plain.problems, [])
})
