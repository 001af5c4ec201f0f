// Risk register, incidents and readiness (issue 14) against the real binary: super1, on a
// phone, logs an incident against "crowd crush at in-store promotions", adds a response action
// with a photo and edits its description; manager1 finds it on the incident board, takes it
// over and resolves it; qa1 (HQ quality) sees the demo's readiness event with its completion per store.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESKTOP, PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

const PHOTO = {
  name: 'crowd.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}
const title = `e2e 促销开门前门口聚集约 300 人 ${Date.now()}`
let incidentId = 0

test('super1 on a phone logs a crowd-crush incident and adds an action with a photo', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  const page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/incidents')
  await page.getByTestId('incident-new').click()
  await page.getByTestId('incident-dialog').waitFor()
  await settle(page)
  await page.getByTestId('incident-risk-promotion_crowd_crush').click()
  await box(page, 'incident-title').fill(title)
  await box(page, 'incident-description').fill('限量鸡蛋促销，入口拥挤推搡')
  assert.ok(await fitsWidth(page), 'the form fits the phone')
  await page.getByTestId('incident-save').click()

  // The new incident opens on its own page.
  await page.getByTestId('incident-detail').waitFor()
  await box(page, 'incident-action-note').waitFor()
  const listed = await supervisor('GET', '/stores/1/incidents?page_size=50')
  const incident = listed.body.items.find((i) => i.title === title)
  assert.ok(incident, 'the incident was logged')
  assert.equal(incident.level, 'high', 'the level defaults to the risk’s')
  assert.equal(incident.risk_code, 'promotion_crowd_crush')
  incidentId = incident.id

  await box(page, 'incident-action-note').fill('启用分批入场，增派 4 名安保疏导')
  await page.getByTestId('photo-input').setInputFiles(PHOTO)
  await page.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await page.getByTestId('incident-action-add').click()
  await page.getByTestId('incident-timeline').getByText('增派 4 名安保').waitFor()
  await page.getByTestId('incident-status').filter({ hasText: '处置中' }).waitFor()
  assert.ok(await fitsWidth(page), 'the incident fits the phone')
  await settle(page)
  await noSeriousAxe(page, 'incident detail (phone)')
  await screenshot(page, 'incident-detail-phone')
  const after = await supervisor('GET', `/incidents/${incidentId}`)
  assert.equal(after.body.status, 'responding')
  assert.equal(after.body.actions.length, 1)
  assert.equal(after.body.actions[0].photos.length, 1, 'the action keeps its photo')

  // Editing: the supervisor completes the description (the owner is the manager's to change).
  await page.getByTestId('incident-edit').click()
  await page.getByTestId('incident-edit-dialog').waitFor()
  assert.equal(await page.getByTestId('incident-edit-owner').count(), 0, 'no owner picker for a supervisor')
  await box(page, 'incident-edit-description').fill('限量鸡蛋促销，入口拥挤推搡；已分批入场')
  await page.getByTestId('incident-edit-save').click()
  await page.getByTestId('incident-edit-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId('incident-detail').getByText('已分批入场').waitFor()
  const edited = await supervisor('GET', `/incidents/${incidentId}`)
  assert.equal(edited.body.description, '限量鸡蛋促销，入口拥挤推搡；已分批入场')
  assert.equal(edited.body.version, after.body.version + 1, 'one edit, one version')
})

test('manager1 sees it on the incident board and resolves it', async () => {
  assert.ok(incidentId, 'the first test logged the incident')
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const page = await browser.session(DESKTOP)
  await signIn(page, 'manager1')
  await page.goto('/incidents')
  const card = page.getByTestId('incident-column-responding').getByTestId(`incident-card-${incidentId}`)
  await card.waitFor()
  await settle(page)
  await noSeriousAxe(page, 'incident board')
  await screenshot(page, 'incident-board-desktop')
  await card.click()
  await page.getByTestId('incident-detail').waitFor()
  // The manager takes the incident over before resolving it.
  await page.getByTestId('incident-edit').click()
  await page.getByTestId('incident-edit-dialog').waitFor()
  await page.getByTestId('incident-edit-owner').click()
  await page.getByRole('option', { name: '王店长' }).click()
  await page.getByTestId('incident-edit-save').click()
  await page.getByTestId('incident-edit-dialog').waitFor({ state: 'hidden' })
  assert.equal((await manager('GET', `/incidents/${incidentId}`)).body.owner_name, '王店长')
  await page.getByTestId('incident-resolve').click()
  await page.getByText('请填写解决结果').waitFor()
  await box(page, 'incident-resolution-input').fill('分批入场后人群已疏散，无人受伤')
  await page.getByTestId('incident-resolve').click()
  await page.getByTestId('incident-status').filter({ hasText: '已解决' }).waitFor()
  assert.match(await page.getByTestId('incident-resolution').innerText(), /无人受伤/)
  const done = await manager('GET', `/incidents/${incidentId}`)
  assert.equal(done.body.status, 'resolved')
  assert.ok(done.body.hours_to_resolve !== null)
  assert.deepEqual(done.body.allowed_actions, ['close'])
})

test('qa1 sees readiness completion per store', async () => {
  const { browser, server } = ctx
  const qa = await apiAs(server.baseURL, 'qa1')
  const events = await qa('GET', '/readiness-events')
  assert.ok(events.body.items.length >= 1, 'the demo has a readiness event')
  const event = (await qa('GET', `/readiness-events/${events.body.items[0].id}`)).body
  assert.equal(event.stores.length, 3, 'every demo store has its checklist')
  assert.ok(event.done > 0, 'some items are done')
  const page = await browser.session(DESKTOP)
  await signIn(page, 'qa1')
  await page.goto('/readiness')
  await page.getByTestId('readiness-chart').locator('canvas').waitFor()
  const table = page.getByTestId('readiness-stores')
  for (const s of event.stores) await table.getByText(s.store_name).waitFor()
  const best = event.stores.reduce((a, b) => (b.percent > a.percent ? b : a))
  assert.match(await page.getByTestId(`readiness-store-${best.store_id}`).innerText(), new RegExp(`${best.percent}%`))
  await settle(page)
  await noSeriousAxe(page, 'readiness (HQ)')
  await screenshot(page, 'readiness-hq-desktop')
})
