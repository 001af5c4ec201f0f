// Cold chain (issue 14) against the real binary: super1, on a 390 px phone, opens the store's
// cold room and runs the cold-room inspection naming it with a 7 °C reading; the inspection
// fails with a corrective action, and the cold room's page shows the reading on its
// temperature chart and an open alert that carries that action. Every screen fits the phone
// and has no serious accessibility finding. Then a sensor batch with one bad reading is refused
// naming the line, and nothing of it is saved.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fitsWidth, screenshot, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const PHONE_390 = { width: 390, height: 844 }
const STORE = 1

const box = (page, testid) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()

test('super1 inspects the cold room at 7 °C: the inspection fails, the chart shows the reading with an open alert', async () => {
  const { browser, server } = ctx
  const super1 = await apiAs(server.baseURL, 'super1')
  const list = await super1('GET', `/stores/${STORE}/equipment?kind=cold_room`)
  assert.equal(list.status, 200, JSON.stringify(list.body))
  const coldRoom = list.body.items[0]
  assert.ok(coldRoom, 'the demo store has a cold room')

  const page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  await page.goto('/safety/equipment')
  await page.getByTestId(`equipment-${coldRoom.id}`).waitFor()
  assert.ok(await fitsWidth(page), 'the equipment list fits the phone')
  await noSeriousAxe(page, 'the equipment list on a phone')
  await page.getByTestId(`equipment-open-${coldRoom.id}`).click()
  await page.getByTestId('equipment-range').waitFor()
  assert.match(await page.getByTestId('equipment-range').innerText(), /0\.00–4\.00 °C/)

  // The cold-room checklist, naming this cold room.
  await page.getByTestId('equipment-inspect').click()
  await page.waitForURL((url) => url.pathname === '/safety/inspections/new' && url.searchParams.get('equipment_id') === String(coldRoom.id))
  await page.getByTestId('item-1').waitFor()
  await box(page, 'item-1-number').fill('7')
  await box(page, 'item-2-number').fill('-20')
  for (const id of [3, 4, 5, 6, 7]) await page.getByTestId(`item-${id}-pass`).click()
  await page.getByTestId('run-submit').click()
  await page.getByTestId('run-result').waitFor()
  assert.equal(await page.getByTestId('run-passed').innerText(), '不合格')
  const card = page.locator('[data-testid^="action-card-"]').first()
  await card.waitFor()
  const actionId = Number((await card.getAttribute('data-testid')).replace('action-card-', ''))

  // The alert the reading opened carries the inspection's corrective action.
  const alerts = await super1('GET', `/stores/${STORE}/temperature-alerts?equipment_id=${coldRoom.id}&active=true`)
  assert.equal(alerts.status, 200)
  const alert = alerts.body.items[0]
  assert.ok(alert, 'an open alert for the cold room')
  assert.equal(alert.max_celsius, '7.00')
  assert.equal(alert.corrective_action_id, actionId)

  // The cold room's page: the chart draws, the alert is listed open with its reading.
  await page.goto(`/safety/equipment/${coldRoom.id}`)
  await page.getByTestId(`alert-card-${alert.id}`).waitFor()
  assert.equal(await page.getByTestId(`alert-status-${alert.id}`).innerText(), '未处理')
  assert.match(await page.getByTestId(`alert-line-${alert.id}`).innerText(), /7\.00 °C|–7\.00/)
  assert.match(await page.getByTestId('equipment-last').innerText(), /7\.00 °C/)
  await page.locator('[data-testid="temperature-chart"] canvas').first().waitFor()
  const chart = await super1('GET', `/equipment/${coldRoom.id}/temperatures`)
  assert.ok(chart.body.points.some((p) => p.max === '7.00' && p.out_of_range), 'the 7 °C reading is on the chart, out of range')
  assert.ok(await fitsWidth(page), 'the equipment page fits the phone')
  await noSeriousAxe(page, 'the equipment page on a phone')
  await screenshot(page, 'coldchain-equipment-phone')
})

test('a sensor batch with one bad reading is refused naming it, and nothing is saved', async () => {
  const { server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const list = await manager('GET', `/stores/${STORE}/equipment?kind=freezer`)
  const freezer = list.body.items[0]
  const before = await manager('GET', `/equipment/${freezer.id}/temperatures`)
  const now = Date.now()
  const at = (m) => new Date(now - m * 60000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  const readings = [
    { equipment_id: freezer.id, recorded_at: at(9), celsius: '-20.5' },
    { equipment_id: freezer.id, recorded_at: at(8), celsius: '-100' },
    { equipment_id: freezer.id, recorded_at: at(7), celsius: '-21' },
  ]
  const refused = await manager('POST', `/stores/${STORE}/temperature-logs/bulk`, { readings })
  assert.equal(refused.status, 400, JSON.stringify(refused.body))
  assert.ok(refused.body.error.fields['readings[1].celsius'], JSON.stringify(refused.body))
  const after = await manager('GET', `/equipment/${freezer.id}/temperatures`)
  assert.equal(after.body.points.length, before.body.points.length, 'nothing of the batch was saved')

  readings[1].celsius = '-19.5'
  const saved = await manager('POST', `/stores/${STORE}/temperature-logs/bulk`, { readings })
  assert.equal(saved.status, 200, JSON.stringify(saved.body))
  assert.equal(saved.body.saved, 3)
  const again = await manager('POST', `/stores/${STORE}/temperature-logs/bulk`, { readings })
  assert.equal(again.body.saved, 0)
  assert.equal(again.body.duplicates, 3)
})

test('manager1 registers a display chiller on a phone, then narrows its range from its page', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const name = `果蔬风幕柜 ${Date.now() % 100000}`
  const page = await browser.session(PHONE_390)
  await signIn(page, 'manager1')
  await page.goto('/safety/equipment')
  await page.getByTestId('equipment-add').click()
  const dialog = page.getByTestId('equipment-form-dialog')
  await dialog.waitFor()
  await dialog.getByTestId('equipment-form-kind').click()
  await page.getByRole('option', { name: '风幕柜', exact: true }).click()
  assert.equal(await box(dialog, 'equipment-form-max').inputValue(), '5', 'a chiller starts at its usual range')
  await box(dialog, 'equipment-form-name').fill(name)
  await dialog.getByTestId('equipment-form-department').click()
  await page.getByRole('option', { name: '果蔬', exact: true }).click()
  await box(dialog, 'equipment-form-location').fill('入口促销区')
  await noSeriousAxe(page, 'the equipment form on a phone')
  assert.ok(await fitsWidth(page), 'the form fits the phone')
  await dialog.getByTestId('equipment-form-save').click()
  await page.getByTestId('equipment-detail').waitFor()

  const listed = await manager('GET', `/stores/${STORE}/equipment?page_size=500`)
  const made = listed.body.items.find((e) => e.name === name)
  assert.ok(made, JSON.stringify(listed.body.items.map((e) => e.name)))
  assert.deepEqual([made.kind, made.department_code, made.location, made.min_celsius, made.max_celsius], ['display_chiller', 'produce', '入口促销区', '0.00', '5.00'])

  await page.getByTestId('equipment-edit').click()
  const edit = page.getByTestId('equipment-form-dialog')
  await edit.waitFor()
  await box(edit, 'equipment-form-max').fill('4')
  await edit.getByTestId('equipment-form-save').click()
  await page.getByTestId('equipment-range').getByText('0.00–4.00 °C').waitFor()
  const after = await manager('GET', `/equipment/${made.id}`)
  assert.equal(after.body.max_celsius, '4.00')
  assert.equal(after.body.version, made.version + 1)
})
