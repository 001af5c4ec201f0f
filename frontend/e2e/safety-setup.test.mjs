// Setting up safety checks (issue 14) in the browser: manager1, on a phone, writes the store's
// own checklist in the editor (a number item with its range, a choice item with the choice that
// fails it) and schedules it daily for produce, where it shows as due today; the server keeps
// what the editor sent. HQ quality (qa1), on a desktop, edits a chain checklist's pass mark,
// which saves version 2 of it; a supervisor sees no editor. super1 fills a checklist one item at a
// time, a missing item brought up. No serious accessibility finding.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DESKTOP, fitsWidth, signIn } from './helpers/browser.mjs'
import { noSeriousAxe } from './helpers/axe.mjs'
import { apiAs, suite } from './helpers/suite.mjs'

const ctx = suite()
const PHONE_390 = { width: 390, height: 844 }

/** The text box of a field by its test id: Element Plus puts the id on the box or around it. */
const box = (page, testid) => page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input, textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first()

/**
 * Picks option `name` of the select with test id `testid`, in that select's own list (the one
 * its combobox controls): two selects of the editor can offer the same option, and the list of
 * one opened before may still be fading out when the next opens.
 */
async function choose(page, scope, testid, name) {
  const select = scope.getByTestId(testid)
  await select.click()
  const list = await select.evaluate((el) => (el.matches('[aria-controls]') ? el : el.querySelector('[aria-controls]')).getAttribute('aria-controls'))
  await page.locator(`[id="${list}"]`).getByRole('option', { name, exact: true }).click()
}

test('manager1 writes the store its own checklist on a phone and schedules it daily; qa1 edits a chain checklist', async () => {
  const { browser, server } = ctx
  const manager = await apiAs(server.baseURL, 'manager1')
  const title = `熟食间收档检查 ${Date.now() % 100000}`

  let page = await browser.session(PHONE_390)
  await signIn(page, 'manager1')
  await page.goto('/safety/checklists')
  await page.getByTestId('checklist-new').click()
  const dialog = page.getByTestId('checklist-edit-dialog')
  await dialog.waitFor()
  await box(dialog, 'checklist-edit-title').fill(title)
  await choose(page, dialog, 'checklist-edit-area', '操作间')
  await box(dialog, 'checklist-edit-item-0-title').fill('熟食冷藏柜温度')
  await choose(page, dialog, 'checklist-edit-item-0-kind', '读数')
  await box(dialog, 'checklist-edit-item-0-min').fill('0')
  await box(dialog, 'checklist-edit-item-0-max').fill('4')
  await dialog.getByTestId('checklist-edit-item-0-critical').click()
  await dialog.getByTestId('checklist-edit-add').click()
  await box(dialog, 'checklist-edit-item-1-title').fill('地面状况')
  await choose(page, dialog, 'checklist-edit-item-1-kind', '选择')
  await box(dialog, 'checklist-edit-item-1-choices').fill('干净\n有积水')
  await dialog.getByTestId('checklist-edit-item-1').getByText('有积水', { exact: true }).click()
  assert.ok(await fitsWidth(page), 'the editor fits the phone')
  await noSeriousAxe(page, 'the checklist editor on a phone')
  await dialog.getByTestId('checklist-edit-save').click()
  await dialog.waitFor({ state: 'hidden' })

  const list = await manager('GET', '/checklists?store_id=1&page_size=100')
  const mine = list.body.items.find((c) => c.title === title)
  assert.ok(mine, JSON.stringify(list.body.items.map((c) => c.title)))
  assert.equal(mine.scope, 'store')
  assert.deepEqual(mine.allowed_actions, ['edit'])
  assert.deepEqual(mine.items.map((i) => [i.title, i.kind, i.min, i.max, i.critical]), [
    ['熟食冷藏柜温度', 'number', '0.00', '4.00', true],
    ['地面状况', 'choice', null, null, false],
  ])
  assert.deepEqual(mine.items[1].fail_choices, ['有积水'])
  await page.getByTestId(`checklist-${mine.id}`).waitFor()

  // Scheduled daily for produce, it is due today.
  await page.goto('/safety/due')
  await page.getByTestId('schedule-add').click()
  const sched = page.getByTestId('schedule-dialog')
  await sched.waitFor()
  await choose(page, sched, 'schedule-template', `${title} · 操作间`)
  await sched.getByTestId('schedule-department').click()
  await page.getByRole('option', { name: '果蔬', exact: true }).click()
  await noSeriousAxe(page, 'the schedule dialog on a phone')
  await sched.getByTestId('schedule-save').click()
  await sched.waitFor({ state: 'hidden' })
  const schedules = await manager('GET', '/stores/1/inspection-schedules?page_size=500')
  const due = schedules.body.items.find((s) => s.template_id === mine.id)
  assert.ok(due, JSON.stringify(schedules.body.items.map((s) => s.template_title)))
  assert.equal(due.frequency, 'daily')
  assert.equal(due.state, 'due')
  await page.getByTestId(`schedule-state-${due.id}`).waitFor()
  assert.ok(await fitsWidth(page), 'the due list fits the phone')

  // qa1 raises the fire-safety checklist's pass mark: version 2.
  page = await browser.session(DESKTOP)
  await signIn(page, 'qa1')
  await page.goto('/safety/checklists')
  const chain = (await manager('GET', '/checklists?page_size=100')).body.items.find((c) => c.scope === 'chain' && c.area === 'fire_safety')
  assert.ok(chain, 'the demo has a chain fire-safety checklist')
  await page.getByTestId(`checklist-${chain.id}`).click()
  await page.getByTestId(`checklist-edit-${chain.id}`).click()
  const edit = page.getByTestId('checklist-edit-dialog')
  await edit.waitFor()
  assert.equal(await box(edit, 'checklist-edit-title').inputValue(), chain.title)
  await box(edit, 'checklist-edit-pass').fill('90')
  await edit.getByTestId('checklist-edit-save').click()
  await edit.waitFor({ state: 'hidden' })
  const after = await manager('GET', `/checklists/${chain.id}`)
  assert.equal(after.body.version, chain.version + 1)
  assert.equal(after.body.pass_score, 90)
  assert.deepEqual(after.body.allowed_actions, [], 'a store manager does not edit chain checklists')

  // A supervisor reads checklists without an editor.
  page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  await page.goto('/safety/checklists')
  await page.getByTestId(`checklist-${chain.id}`).waitFor()
  assert.equal(await page.getByTestId('checklist-new').count(), 0)
  assert.equal(await page.getByTestId(`checklist-edit-${chain.id}`).count(), 0)
})

test('super1 fills the cold-room checklist one item at a time on a phone; a missing item is brought up', async () => {
  const { browser } = ctx
  const page = await browser.session(PHONE_390)
  await signIn(page, 'super1')
  await page.goto('/safety/inspections/new?template_id=1&department_code=produce')
  await page.getByTestId('item-1').waitFor()
  await page.getByTestId('run-one-by-one').click()
  const position = page.getByTestId('run-position')
  assert.equal(await position.innerText(), '1 / 8')
  assert.equal(await page.getByTestId('item-2').count(), 0, 'one item shows at a time')
  await box(page, 'item-1-number').fill('3')
  await page.getByTestId('run-next').click()
  assert.equal(await position.innerText(), '2 / 8')
  // Sending now: item 2 (the freezer) is the first required one unanswered, and stays up with its error.
  await page.getByTestId('run-submit').click()
  await page.getByTestId('item-2-error').waitFor()
  assert.equal(await position.innerText(), '2 / 8')
  await box(page, 'item-2-number').fill('-20')
  for (const id of [3, 4, 5, 6, 7]) {
    await page.getByTestId('run-next').click()
    await page.getByTestId(`item-${id}-pass`).click()
  }
  await page.getByTestId('run-next').click()
  assert.equal(await position.innerText(), '8 / 8')
  await page.getByTestId('run-note').waitFor()
  assert.ok(await fitsWidth(page), 'one item at a time fits the phone')
  await noSeriousAxe(page, 'one item at a time on a phone')
  await page.getByTestId('run-submit').click()
  await page.getByTestId('run-result').waitFor()
  assert.equal(await page.getByTestId('run-passed').innerText(), '合格')
})
