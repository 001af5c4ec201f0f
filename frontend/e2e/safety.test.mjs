// Safety (issue 14) against the real binary: super1, on a 390 px phone, opens the cold-room
// check due today from the Today inbox, is stopped by the required items, reads 500 °C (the
// server's field error shows by the reading, nothing is saved), then 7 °C: the reading is
// flagged outside 0–4 °C, the inspection fails and a corrective action is opened. manager1
// sees it open on the board; super1 marks it done with a note and a photo from the camera;
// manager1 verifies it from the Today inbox's link (?status=done). Every screen fits the phone
// and has no serious accessibility finding. Then a done action sent back by manager1 with a
// reason (required) is open again for super1, the reason on its card; and manager1 reassigns an
// open action (owner, due date) from its card.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, DESKTOP, fitsWidth, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, storeTomorrow, suite } from './helpers/suite.mjs'

const ctx = suite()
const PHONE_390 = { width: 390, height: 844 }
const STORE = 1

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()

/** A 1×1 PNG, the photo of the put-right cold room. */
const PHOTO = {
  name: 'cold-room.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
}

test('super1 runs the cold-room check on a phone, 7 °C fails it and opens an action; super1 puts it right, manager1 verifies', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const before = await manager('GET', `/stores/${STORE}/inspections?page_size=1`)
  assert.equal(before.status, 200, JSON.stringify(before.body))
  const inspectionsBefore = before.body.total

  // 1. super1 on a phone: the Today inbox's entry opens the cold-room checklist for produce.
  let page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  const due = page.locator('[data-kind="safety.inspection_due"]').first()
  await due.waitFor()
  await due.click()
  await page.waitForURL((url) => url.pathname === '/safety/inspections/new' && url.searchParams.get('template_id') === '1')
  assert.equal(new URL(page.url()).searchParams.get('department_code'), 'produce')
  await page.getByTestId('item-1').waitFor()
  assert.match(await page.getByTestId('item-1-range').innerText(), /0–4 °C/)
  assert.match(await page.getByTestId('run-progress-text').innerText(), /0 \/ 8/)
  assert.ok(await fitsWidth(page), 'the checklist fits the phone')
  const passBox = await page.getByTestId('item-3-pass').boundingBox()
  assert.ok(passBox.height >= 44 && passBox.width >= 44, `touch target ${JSON.stringify(passBox)}`)
  await noSeriousAxe(page, 'the checklist on a phone')

  // Required items are enforced before anything is sent.
  await page.getByTestId('run-submit').click()
  await page.getByTestId('run-error').waitFor()
  await page.getByTestId('item-3-error').waitFor()
  assert.equal((await manager('GET', `/stores/${STORE}/inspections?page_size=1`)).body.total, inspectionsBefore, 'nothing was sent')

  // A reading beyond physical sense: the server's answers[0].number shows by the reading.
  await box(page, 'item-1-number').fill('500')
  await box(page, 'item-2-number').fill('-20')
  for (const id of [3, 4, 5, 6, 7]) await page.getByTestId(`item-${id}-pass`).click()
  assert.match(await page.getByTestId('run-progress-text').innerText(), /7 \/ 8/)
  await page.getByTestId('run-submit').click()
  await page.getByTestId('item-1-error').waitFor()
  assert.equal((await manager('GET', `/stores/${STORE}/inspections?page_size=1`)).body.total, inspectionsBefore, 'a refused inspection saves nothing')

  // 7 °C: flagged before sending, and the inspection fails with a corrective action.
  await box(page, 'item-1-number').fill('7')
  assert.match(await page.getByTestId('item-1-range').innerText(), /0–4 °C/)
  assert.ok(await page.getByTestId('item-1').evaluate((el) => el.classList.contains('failing')), 'the warm reading is flagged')
  await page.getByTestId('item-1-error').waitFor({ state: 'detached' })
  await screenshot(page, 'safety-checklist-phone')
  await page.getByTestId('run-submit').click()
  await page.getByTestId('run-result').waitFor()
  assert.equal(await page.getByTestId('run-passed').innerText(), '不合格')
  const card = page.locator('[data-testid^="action-card-"]').first()
  await card.waitFor()
  assert.match(await card.innerText(), /冷藏库温度/)
  const actionId = Number((await card.getAttribute('data-testid')).replace('action-card-', ''))
  assert.ok(await fitsWidth(page), 'the result fits the phone')
  await noSeriousAxe(page, 'the result on a phone')
  await screenshot(page, 'safety-result-phone')

  const action = await manager('GET', `/corrective-actions/${actionId}`)
  assert.equal(action.status, 200, JSON.stringify(action.body))
  assert.equal(action.body.status, 'open')
  assert.equal(action.body.critical, true)
  const inspectionId = action.body.inspection_id

  // The inspection's page: the failed reading is highlighted, its action listed.
  await page.getByTestId('run-detail').click()
  await page.getByTestId('detail-score').waitFor()
  assert.equal(await page.getByTestId('result-1').getAttribute('data-failed'), 'true')
  assert.equal(await page.getByTestId('result-3').getAttribute('data-failed'), 'false')
  await page.getByTestId(`action-card-${actionId}`).waitFor()
  assert.ok(await fitsWidth(page), 'the inspection fits the phone')
  await noSeriousAxe(page, 'the inspection on a phone')

  // 2. manager1 sees it open on the board (desktop columns) and in the inspections list.
  let desk = await browser.session(DESKTOP)
  await signIn(desk, 'manager1')
  await desk.goto('/safety/actions')
  await desk.getByTestId('actions-column-open').getByTestId(`action-card-${actionId}`).waitFor()
  await desk.goto('/safety')
  await desk.getByTestId(`inspection-result-${inspectionId}`).waitFor()
  assert.equal(await desk.getByTestId(`inspection-result-${inspectionId}`).innerText(), '不合格')

  // 3. super1 marks it done from "mine" with a note and a photo from the camera.
  // (One page at a time: a new session closes the previous one.)
  page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  await page.goto('/safety/actions?mine=true')
  await page.getByTestId('actions-tab').waitFor()
  assert.ok(await page.getByTestId('actions-mine').locator('input').isChecked(), 'the address sets the filter')
  await page.getByTestId(`action-complete-${actionId}`).click()
  const dialog = page.getByTestId('action-complete-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('action-complete-save').click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  await box(dialog, 'action-complete-note').fill('已调整温控器，复测 3.5 °C')
  await dialog.getByTestId('photo-input-camera').setInputFiles(PHOTO)
  await dialog.locator('[data-testid="photo-0"][data-status="done"]').waitFor()
  await noSeriousAxe(page, 'marking an action done on a phone')
  await dialog.getByTestId('action-complete-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.locator(`[data-testid="action-card-${actionId}"][data-status="done"]`).waitFor()
  assert.ok(await fitsWidth(page), 'the actions fit the phone')
  const done = await apiCall(page, 'GET', `/corrective-actions/${actionId}`)
  assert.equal(done.body.status, 'done')
  assert.equal(done.body.note, '已调整温控器，复测 3.5 °C')
  assert.equal(done.body.photos.length, 1, 'with its photo')
  assert.ok(!done.body.allowed_actions.includes('verify'), 'who marked it done does not verify it')

  // 4. manager1 verifies it from the waiting-for-verification link.
  desk = await browser.session(DESKTOP)
  await signIn(desk, 'manager1')
  await desk.goto('/safety/actions?status=done')
  await desk.getByTestId('actions-column-done').getByTestId(`action-card-${actionId}`).waitFor()
  assert.equal(await desk.getByTestId('actions-column-open').count(), 0, 'only the status asked for')
  await desk.getByTestId(`action-verify-${actionId}`).click()
  await desk.getByTestId(`action-card-${actionId}`).waitFor({ state: 'detached' })
  await noSeriousAxe(desk, 'the board on a desktop')
  await screenshot(desk, 'safety-board-desktop')
  const verified = await manager('GET', `/corrective-actions/${actionId}`)
  assert.equal(verified.body.status, 'verified')
  assert.ok(verified.body.verified_by_name, 'the verifier is named')
  await desk.goto('/safety/actions?status=verified')
  await desk.locator(`[data-testid="action-card-${actionId}"][data-status="verified"]`).waitFor()
})

test('manager1 sends a done action back with a reason; it is open again for super1 with the reason shown', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  // A failing cold-room inspection (the freezer at −10 °C) and its action marked done, by API.
  const answers = [{ item_id: 1, number: '2' }, { item_id: 2, number: '-10' }, ...[3, 4, 5, 6, 7].map((id) => ({ item_id: id, bool: true }))]
  const made = await supervisor('POST', `/stores/${STORE}/inspections`, { template_id: 1, department_code: 'produce', answers })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  assert.equal(made.body.passed, false)
  const action = made.body.corrective_actions.find((a) => a.item_id === 2)
  assert.ok(action, JSON.stringify(made.body.corrective_actions))
  const done = await supervisor('POST', `/corrective-actions/${action.id}/complete`, { note: '除霜后复测 −19 °C', version: action.version })
  assert.equal(done.status, 200, JSON.stringify(done.body))

  // manager1 on a phone: the card's "send back" asks for a reason first.
  let page = await browser.session(PHONE_390)
  await signIn(page, 'manager1')
  await page.goto('/safety/actions?status=done')
  await page.getByTestId(`action-reject-${action.id}`).click()
  const dialog = page.getByTestId('action-reject-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('action-reject-save').click()
  await dialog.locator('.el-form-item__error').first().waitFor()
  await box(dialog, 'action-reject-reason').fill('复测记录不全，请拍温度计照片')
  await dialog.getByTestId('action-reject-save').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.getByTestId(`action-card-${action.id}`).waitFor({ state: 'detached' })
  assert.ok(await fitsWidth(page), 'the board fits the phone')

  // super1 finds it open again among their own, with the reason, and may mark it done again.
  page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  await page.goto('/safety/actions?mine=true&status=open')
  const card = page.locator(`[data-testid="action-card-${action.id}"][data-status="open"]`)
  await card.waitFor()
  assert.match(await card.innerText(), /复测记录不全，请拍温度计照片/)
  await page.getByTestId(`action-complete-${action.id}`).waitFor()
  const now = await supervisor('GET', `/corrective-actions/${action.id}`)
  assert.equal(now.body.status, 'open')
  assert.equal(now.body.reject_reason, '复测记录不全，请拍温度计照片')
})

test('manager1 reassigns an open action to another owner and a later due date on a phone', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  const manager = await apiAs(server.baseURL, 'manager1')
  // The cold-room check at 6 °C opens an action for the produce department.
  const answers = [{ item_id: 1, number: '6' }, { item_id: 2, number: '-20' }, ...[3, 4, 5, 6, 7].map((id) => ({ item_id: id, bool: true }))]
  const made = await supervisor('POST', `/stores/${STORE}/inspections`, { template_id: 1, department_code: 'produce', answers })
  assert.equal(made.status, 201, JSON.stringify(made.body))
  const action = made.body.corrective_actions.find((a) => a.item_id === 1)
  assert.ok(action, JSON.stringify(made.body.corrective_actions))
  const me = await manager('GET', '/me')
  const store = await manager('GET', `/stores/${STORE}`)
  const later = new Date(Date.parse(`${storeTomorrow(store.body.timezone)}T00:00:00Z`) + 4 * 86_400_000).toISOString().slice(0, 10)

  const page = await browser.session(PHONE_390)
  await signIn(page, 'manager1')
  await page.goto('/safety/actions?status=open')
  await page.getByTestId(`action-edit-${action.id}`).click()
  const dialog = page.getByTestId('action-edit-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('action-edit-owner').click()
  await page.getByRole('option', { name: me.body.display_name, exact: true }).click()
  const due = box(dialog, 'action-edit-due')
  await due.fill(later)
  await due.press('Enter')
  await noSeriousAxe(page, 'the reassign dialog on a phone')
  await dialog.getByTestId('action-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })
  const card = page.getByTestId(`action-card-${action.id}`)
  await card.waitFor()
  assert.match(await card.innerText(), new RegExp(later))
  const now = await manager('GET', `/corrective-actions/${action.id}`)
  assert.equal(now.body.owner_id, me.body.id)
  assert.equal(now.body.due_date, later)
  assert.ok(await fitsWidth(page), 'the board fits the phone')
})
