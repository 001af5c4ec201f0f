// Notification channels (issue 15) against the real binary and a local fake webhook receiver:
// admin adds a WeChat Work channel for store 1 through the page, sends a test message that
// the receiver gets and the deliveries list shows delivered; then a stocktake handed in for
// approval (an event that writes an outbox message) reaches the receiver through the outbox.
// A private address is refused with the field named. The page fits a phone.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'
import { startFakeWebhook } from './helpers/fakeWebhook.mjs'

const hook = await startFakeWebhook()
after(() => hook.close())
const ctx = suite({ serverEnv: { STOREOPS_NOTIFY_ALLOW_HOSTS: hook.host, STOREOPS_OUTBOX_EVERY: '1s' } })

const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

test('admin adds a WeCom channel, sends a test, and a stocktake submitted reaches the receiver', async () => {
  const { browser, server } = ctx
  const admin = await apiAs(server.baseURL, 'admin')
  const page = await browser.session()
  await signIn(page, 'admin')
  await page.getByTestId('nav-notifications').click()
  await page.getByTestId('notifications-page').waitFor()
  await page.getByTestId('channels-table').waitFor()

  // A private address is refused, by its field.
  await page.getByTestId('channel-new').click()
  const dialog = page.getByTestId('channel-dialog')
  await dialog.waitFor()
  await settle(page)
  await page.getByTestId('channel-kind-wecom').click()
  await box(page, 'channel-name').fill('浦东店企业微信群')
  await page.getByTestId('channel-store').click()
  await page.getByTestId('channel-store-sh-pudong').click()
  await page.getByTestId('channel-topic-stocktake.submitted').click()
  await page.getByTestId('channel-topic-task.assigned').click()
  await box(page, 'channel-url').fill('https://10.0.0.1/cgi-bin/webhook/send?key=x')
  await page.getByTestId('channel-save').click()
  await page.getByTestId('channel-form-error').waitFor()
  await dialog.getByText('private').waitFor()
  await settle(page)
  await noSeriousAxe(page, 'channel dialog')

  // The local receiver (allowed by configuration) is accepted.
  await box(page, 'channel-url').fill(`${hook.url}/wecom?key=e2e-secret-key`)
  await page.getByTestId('channel-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const listed = await admin('GET', '/notification-channels?kind=wecom&store_id=1')
  const channel = listed.body.items.find((c) => c.name === '浦东店企业微信群')
  assert.ok(channel, 'the channel was saved')
  assert.deepEqual(channel.topics, ['stocktake.submitted', 'task.assigned'])
  assert.ok(!JSON.stringify(listed.body).includes('e2e-secret-key'), 'the webhook key is never answered')

  // Send test: the receiver gets it, the page says so.
  await page.getByTestId(`channel-test-${channel.id}`).click()
  await page.locator('.test-result-ok').waitFor()
  const testMsg = await hook.waitFor((m) => m.text.includes('StoreOps 测试消息'))
  assert.ok(testMsg.messageId && testMsg.text.includes(testMsg.messageId), 'the message id travels in the header and the text')

  // The deliveries list shows it delivered.
  await page.getByTestId('notifications-tabs').getByText('发送记录').click()
  await page.getByTestId('deliveries-table').getByText('已送达').first().waitFor()
  await settle(page)
  await noSeriousAxe(page, 'deliveries')
  await screenshot(page, 'notifications-deliveries-desktop')

  // A real event: super1 counts a one-SKU stocktake and hands it in; the outbox delivers
  // stocktake.submitted to the channel.
  const supervisor = await apiAs(server.baseURL, 'super1')
  const stock = await supervisor('GET', '/stores/1/inventory?department_code=produce&page_size=20')
  assert.equal(stock.status, 200, JSON.stringify(stock.body))
  const item = stock.body.items.find((i) => Number(i.on_hand) > 0) ?? stock.body.items[0]
  const created = await supervisor('POST', '/stores/1/stocktakes', { scope: 'cycle', department_code: 'produce', skus: [item.sku], blind: false, zones: ['销售区'] })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  const id = created.body.id
  assert.equal((await supervisor('POST', `/stocktakes/${id}/start`, {})).status, 200)
  const variance = await supervisor('GET', `/stocktakes/${id}/variance?page_size=10`)
  const book = variance.body.items?.find((l) => l.sku === item.sku)?.book_qty ?? item.on_hand
  const counted = await supervisor('POST', `/stocktakes/${id}/counts`, { zone: '销售区', lines: [{ sku: item.sku, qty: book }] })
  assert.ok([200, 201].includes(counted.status), JSON.stringify(counted.body))
  const submitted = await supervisor('POST', `/stocktakes/${id}/submit`, {})
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body))
  const notice = await hook.waitFor((m) => m.text.includes('盘点已提交') && m.text.includes(`盘点单：${id}`), 40_000)
  assert.ok(notice.text.includes('Stocktake submitted'), 'English follows the Chinese')
  assert.equal(notice.path.split('?')[0], '/wecom')

  // The server records the delivery once the receiver has answered, a moment after the
  // receiver saw the message: wait for it (a delivery that stays pending fails).
  let deliveries
  for (const until = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 200))) {
    deliveries = await admin('GET', `/notification-deliveries?channel_id=${channel.id}&topic=stocktake.submitted`)
    if (deliveries.body.items[0]?.status === 'delivered' || Date.now() > until) break
  }
  assert.equal(deliveries.body.items[0]?.status, 'delivered')
  assert.equal(deliveries.body.items[0]?.message_id, notice.messageId)

  // On a phone the channels are cards and the page does not scroll sideways.
  const phone = await browser.session(PHONE)
  await signIn(phone, 'admin')
  await phone.goto('/notifications')
  await phone.getByTestId(`channel-card-${channel.id}`).waitFor()
  assert.ok(await fitsWidth(phone), 'the channels fit the phone')
  await screenshot(phone, 'notifications-phone')
})
