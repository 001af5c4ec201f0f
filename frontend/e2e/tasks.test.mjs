// Daily tasks (issue 15, "done means") against the real binary: super1 on a phone opens Today
// and sees the demo's tasks beside at least two other kinds of entries, completes a task from
// the tasks page with a note and it leaves the open list; manager1 assigns super1 an ad-hoc
// task, which super1 then sees in Today and among today's tasks, and the store's WeChat Work
// group robot (a local fake receiver) gets the assignment notification through the outbox.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { DESKTOP, PHONE, fitsWidth, screenshot, settle, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'
import { startFakeWebhook } from './helpers/fakeWebhook.mjs'

const hook = await startFakeWebhook()
after(() => hook.close())
const ctx = suite({ serverEnv: { STOREOPS_NOTIFY_ALLOW_HOSTS: hook.host, STOREOPS_OUTBOX_EVERY: '1s' } })
const STORE = 1

const box = (page, testid) => page.locator(`input[data-testid="${testid}"], textarea[data-testid="${testid}"], [data-testid="${testid}"] input, [data-testid="${testid}"] textarea`).first()

test('super1 sees tasks and other entries in Today, and a completed task leaves the list', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  const page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.getByTestId('today-entries').waitFor()
  const kinds = await page.locator('[data-testid^="today-entry-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))
  const taskKinds = kinds.filter((k) => k === 'task.due' || k === 'task.overdue')
  const others = new Set(kinds.filter((k) => !k.startsWith('task.')))
  assert.ok(taskKinds.length > 0, `Today lists tasks: ${kinds.join(', ')}`)
  assert.ok(others.size >= 2, `Today lists at least two other kinds: ${[...others].join(', ')}`)
  await page.locator('[data-testid="badge-tasks"]').first().waitFor({ state: 'attached' }).catch(() => {})

  // The tasks page: today's open tasks as cards, one done with a note.
  await page.goto('/tasks')
  await page.getByTestId('task-cards').waitFor()
  const button = page.locator('[data-testid^="task-done-"]').first()
  await button.waitFor()
  const id = Number((await button.getAttribute('data-testid')).replace('task-done-', ''))
  assert.ok(await fitsWidth(page), 'the task cards fit the phone')
  await settle(page)
  await noSeriousAxe(page, 'tasks today')
  await screenshot(page, 'tasks-today-phone')
  await button.click()
  await page.getByTestId('task-complete-dialog').waitFor()
  await settle(page)
  await box(page, 'task-complete-note').fill('已完成，排面已整理')
  await page.getByTestId('task-complete-save').click()
  await page.getByTestId(`task-card-${id}`).waitFor({ state: 'detached' })
  const done = await supervisor('GET', `/tasks/${id}`)
  assert.equal(done.body.status, 'done')
  assert.equal(done.body.done_note, '已完成，排面已整理')
  const again = await supervisor('POST', `/tasks/${id}/complete`, {})
  assert.equal(again.status, 409, 'completing twice is refused')
  const today = await supervisor('GET', '/me/today?lang=zh-CN')
  assert.ok(!today.body.items.some((e) => e.resource_type === 'task' && e.resource_id === id), 'the done task left Today')
})

test('manager1 assigns super1 an ad-hoc task and super1 sees it', async () => {
  const { browser, server } = ctx
  const supervisor = await apiAs(server.baseURL, 'super1')
  // The admin routes the store's task assignments to its WeChat Work group (a local fake).
  const admin = await apiAs(server.baseURL, 'admin')
  const channel = await admin('POST', '/notification-channels', { name: '浦东店企业微信群', kind: 'wecom', store_id: STORE,
    topics: ['task.assigned'], url: `${hook.url}/wecom/send?key=e2e-tasks`, enabled: true })
  assert.equal(channel.status, 201, JSON.stringify(channel.body))

  const page = await browser.session(DESKTOP)
  await signIn(page, 'manager1')
  await page.goto('/tasks')
  await page.getByTestId('task-assign').click()
  await page.getByTestId('task-assign-dialog').waitFor()
  await settle(page)
  const title = `e2e 补充水果试吃台 ${Date.now()}`
  await box(page, 'task-assign-title').fill(title)
  await box(page, 'task-assign-note').fill('中午前补好')
  await page.getByTestId('task-assign-assignee').click()
  await page.getByTestId('task-assignee-super1').click()
  await noSeriousAxe(page, 'assign dialog')
  await page.getByTestId('task-assign-save').click()
  await page.getByTestId('task-assign-dialog').waitFor({ state: 'hidden' })

  const listed = await supervisor('GET', `/stores/${STORE}/tasks?mine=true&page_size=100`)
  const task = listed.body.items.find((x) => x.title === title)
  assert.ok(task, 'super1 sees the assigned task')
  assert.equal(task.kind, 'adhoc')
  assert.deepEqual(task.allowed_actions, ['complete'])

  // The group robot gets the assignment, worded in Chinese and English, with its message id.
  const msg = await hook.waitFor((m) => m.path.startsWith('/wecom') && m.text.includes(title), 60_000)
  assert.match(msg.text, /新任务已分派/)
  assert.match(msg.text, /New task assigned/)
  assert.ok(msg.messageId && msg.text.includes(msg.messageId), 'the message carries its stable id')
  // The delivery is recorded once the receiver has answered: poll the deliveries list for it.
  let deliveries
  for (let i = 0; i < 60; i++) {
    deliveries = await admin('GET', `/notification-deliveries?channel_id=${channel.body.id}&topic=task.assigned`)
    assert.equal(deliveries.status, 200, JSON.stringify(deliveries.body))
    if (deliveries.body.items.some((d) => d.status === 'delivered' && d.message_id === msg.messageId)) break
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  assert.ok(deliveries.body.items.some((d) => d.status === 'delivered' && d.message_id === msg.messageId), JSON.stringify(deliveries.body.items))

  // In super1's Today and on their tasks page.
  const phone = await browser.session(PHONE)
  await signIn(phone, 'super1')
  await phone.getByTestId('today-entries').waitFor()
  await phone.locator(`a[href="/tasks?id=${task.id}"]`).first().waitFor()
  await phone.locator(`a[href="/tasks?id=${task.id}"]`).first().click()
  await phone.getByTestId(`task-card-${task.id}`).getByText(title).waitFor()
  assert.ok(await fitsWidth(phone), 'the tasks page fits the phone')

  // The manager's load gatekeeper draws (a new session: opening the phone's closed the first).
  const desk = await browser.session(DESKTOP)
  await signIn(desk, 'manager1')
  await desk.goto('/tasks?tab=load')
  await desk.getByTestId('task-load').locator('canvas').first().waitFor()
  await settle(desk)
  await noSeriousAxe(desk, 'task load')
  await screenshot(desk, 'tasks-load-desktop')
})
