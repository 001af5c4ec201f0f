// Staff training and health certificates, and the inspection score report (issue 14) against
// the real binary: manager1 sees the demo's expiring health certificate on Today and on the
// training page, then on a phone records attendance for the crowd-control drill; qa1 (HQ
// quality) opens the inspection score report, sees the chart and downloads it as CSV.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import { DESKTOP, PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const STORE = 1

test('manager1 sees the expiring certificate and records attendance on a phone', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const page = await browser.session(PHONE)
  await signIn(page, 'manager1')
  await page.goto('/')
  const entry = page.locator('[data-kind="training.certificate_expiring"]')
  await entry.waitFor()
  await entry.click()
  await page.getByTestId('certificates-tab').waitFor()
  const expiring = page.locator('[data-testid^="cert-card-"][data-state="expiring"]')
  const expired = page.locator('[data-testid^="cert-card-"][data-state="expired"]')
  await expiring.first().waitFor()
  assert.equal(await expiring.count(), 1, 'one certificate expires within 30 days')
  assert.equal(await expired.count(), 1, 'one certificate has expired')
  assert.match(await expiring.first().innerText(), /即将到期/)
  assert.ok(await fitsWidth(page), 'the certificates fit the phone')
  await settle(page)
  await noSeriousAxe(page, 'training certificates phone')
  await screenshot(page, 'training-certificates-phone')

  // The crowd-control drill planned before Double 11: tick everyone on the phone.
  const sessions = (await manager('GET', `/stores/${STORE}/training-sessions`)).body.items
  const drill = sessions.find((s) => s.topic === 'crowd_control_drill')
  assert.ok(drill, 'the demo plans a crowd-control drill')
  await page.goto('/training?tab=sessions')
  await page.getByTestId(`session-attendance-${drill.id}`).click()
  const drawer = page.getByTestId('attendance-drawer')
  await drawer.locator('[data-testid^="attendee-"]').first().waitFor()
  await settle(page)
  const people = (await manager('GET', `/training-sessions/${drill.id}`)).body.attendance
  assert.ok(people.length >= 3, 'the drill is for all staff')
  for (const [i, p] of people.entries()) {
    await drawer.getByTestId(i === people.length - 1 ? `absent-${p.employee_id}` : `attended-${p.employee_id}`).click()
  }
  assert.ok(await fitsWidth(page), 'the attendance sheet fits the phone')
  await noSeriousAxe(page, 'attendance sheet phone')
  await screenshot(page, 'training-attendance-phone')
  await page.getByTestId('attendance-save').click()
  await page.getByTestId(`session-counts-${drill.id}`).filter({ hasText: `到 ${people.length - 1} · 缺 1` }).waitFor()
  const after = (await manager('GET', `/training-sessions/${drill.id}`)).body
  assert.equal(after.attended, people.length - 1)
  assert.equal(after.absent, 1)
})

test('qa1 opens the inspection score report, sees the chart and downloads CSV', async () => {
  const { browser } = ctx
  const page = await browser.session(DESKTOP)
  await signIn(page, 'qa1')
  await page.goto('/safety/scores')
  await page.getByTestId('scores-chart').locator('canvas').waitFor()
  const rows = page.getByTestId('scores-table').locator('tbody tr')
  assert.ok((await rows.count()) >= 3, 'a row per demo store and month')
  await page.getByTestId('scores-group').getByText('按部门').click()
  await page.getByTestId('scores-table').getByText('果蔬').first().waitFor()
  await settle(page)
  await noSeriousAxe(page, 'inspection scores desktop')
  await screenshot(page, 'inspection-scores-desktop')
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('scores-export-csv').click()])
  const bytes = await readFile(await csv.path())
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM')
  const text = bytes.subarray(3).toString('utf8')
  assert.match(text, /平均得分/)
  assert.match(text, /produce/)
  assert.match(csv.suggestedFilename(), /^inspection-scores-department-.*\.csv$/)
})
