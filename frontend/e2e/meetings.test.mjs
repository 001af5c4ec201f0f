// Team meetings (issue 15, "daily work") against the real binary: manager1 on a phone records
// a meeting with super1 attending and an action item owned by super1; the meeting page shows
// the item's task open; super1 then finds the task among today's tasks, linked back to the
// meeting. The pages fit a phone and have no serious axe findings.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PHONE, DESKTOP, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const STORE = 1

const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

test('manager1 records a meeting whose action item becomes super1\'s task', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  const title = `e2e 生鲜周例会 ${Date.now()}`
  const action = `e2e 下调叶菜订货 ${Date.now()}`

  const page = await browser.session(PHONE)
  await signIn(page, 'manager1')
  await page.goto('/meetings')
  await page.getByTestId('meetings-cards').waitFor()
  await page.locator('[data-testid^="meeting-card-"]').first().waitFor()
  await settle(page)
  assert.ok(await fitsWidth(page), 'the meeting list fits the phone')
  await noSeriousAxe(page, 'meetings list (phone)')
  await screenshot(page, 'meetings-phone')

  await page.getByTestId('meeting-new').click()
  await page.getByTestId('meeting-dialog').waitFor()
  await page.getByTestId('meeting-attendees').waitFor()
  await settle(page)
  await box(page, 'meeting-title').fill(title)
  await box(page, 'meeting-notes').fill('周末叶菜报损偏高，订货下调')
  await page.getByTestId('meeting-attendees').click()
  await page.getByTestId('meeting-attendee-super1').click()
  await page.keyboard.press('Escape')
  await page.getByTestId('meeting-item-add').click()
  await box(page, 'meeting-item-0-title').fill(action)
  await page.getByTestId('meeting-item-0-owner').click()
  await page.getByTestId('meeting-item-0-owner-super1').click()
  await settle(page)
  assert.ok(await fitsWidth(page), 'the meeting dialog fits the phone')
  await noSeriousAxe(page, 'record a meeting (phone)')
  await page.getByTestId('meeting-save').click()

  // The meeting's own page: super1 attended, the action item's task is open.
  await page.getByTestId('meeting-detail').waitFor()
  await page.getByTestId('meeting-item-status-1').waitFor()
  await page.getByTestId('meeting-attendees-list').getByText('李主管（生鲜）').waitFor()
  const status = await page.getByTestId('meeting-item-status-1').innerText()
  assert.match(status, /待办|Open/, `the item's task is open: ${status}`)
  await settle(page)
  assert.ok(await fitsWidth(page), 'the meeting page fits the phone')
  await noSeriousAxe(page, 'meeting page (phone)')
  await screenshot(page, 'meeting-detail-phone')

  // The API agrees: one meeting, its item a task of super1 naming the meeting.
  const list = await supervisor('GET', `/stores/${STORE}/meetings?page_size=50`)
  const meeting = list.body.items.find((m) => m.title === title)
  assert.ok(meeting, 'super1 reads the new meeting')
  const detail = await supervisor('GET', `/meetings/${meeting.id}`)
  assert.equal(detail.body.items.length, 1)
  assert.equal(detail.body.items[0].task_status, 'open')
  const task = await supervisor('GET', `/tasks/${detail.body.items[0].task_id}`)
  assert.equal(task.status, 200, JSON.stringify(task.body))
  assert.equal(task.body.title, action)
  assert.deepEqual(task.body.source, { kind: 'meeting', id: meeting.id })

  // super1 finds the task among today's tasks, with a link back to the meeting.
  const phone = await browser.session(PHONE)
  await signIn(phone, 'super1')
  await phone.goto('/tasks')
  const card = phone.getByTestId(`task-card-${task.body.id}`)
  await card.getByText(action).waitFor()
  await card.getByTestId(`task-source-${task.body.id}`).click()
  await phone.getByTestId('meeting-detail').getByText(action).waitFor()
  assert.ok(await fitsWidth(phone), 'the tasks page and the meeting fit the phone')

  // The desktop list is a table.
  const desk = await browser.session(DESKTOP)
  await signIn(desk, 'manager1')
  await desk.goto('/meetings')
  await desk.getByTestId('meetings-table').getByText(title).waitFor()
  await settle(desk)
  await noSeriousAxe(desk, 'meetings list (desktop)')
})

test('a meeting without attendees is refused by its field and records nothing', async () => {
  const { server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const before = await manager('GET', `/stores/${STORE}/meetings?page_size=1`)
  const res = await manager('POST', `/stores/${STORE}/meetings`, { held_on: '2020-01-01', kind: 'weekly', title: 'x', attendees: [],
    items: [{ title: '', due_on: '2020-01-01' }] })
  assert.equal(res.status, 400, JSON.stringify(res.body))
  for (const f of ['attendees', 'held_on', 'items[0].title']) assert.ok(res.body.error.fields[f], `names ${f}: ${JSON.stringify(res.body.error.fields)}`)
  const after = await manager('GET', `/stores/${STORE}/meetings?page_size=1`)
  assert.equal(after.body.total, before.body.total)
})
