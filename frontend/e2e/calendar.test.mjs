// The holidays-and-events calendar against the real binary: hq1 finds the demo's built-in
// holidays of this year, adds a store anniversary in 2027 on a phone, changes its last day on a
// desktop, sees it in the year's list and removes it; a supervisor reads the calendar with no
// way to change it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { apiCall, PHONE, screenshot, settle, signIn } from './helpers/browser.mjs'
import { suite } from './helpers/suite.mjs'

const ctx = suite()

/** Steps the year switch to `year`. */
async function showYear(page, year) {
  for (let i = 0; i < 20; i++) {
    const shown = Number(await page.getByTestId('calendar-year').innerText())
    if (shown === year) return
    await page.getByTestId(shown < year ? 'calendar-year-next' : 'calendar-year-prev').click()
    await page.getByTestId('calendar-year').getByText(String(shown < year ? shown + 1 : shown - 1)).waitFor()
  }
  throw new Error(`year ${year} not reached`)
}

/** Types a first and last day into the date-range picker and confirms. */
async function typeRange(page, from, to) {
  const inputs = page.getByTestId('calendar-dialog').locator('.el-range-input')
  await inputs.nth(0).fill(from)
  await inputs.nth(0).press('Enter')
  await inputs.nth(1).fill(to)
  await inputs.nth(1).press('Enter')
  // Done with the dates: a tap elsewhere in the form closes the picker's panel.
  await page.getByTestId('calendar-name').click()
  await page.locator('.el-date-range-picker').waitFor({ state: 'hidden' })
}

test('HQ keeps the holidays and events; a supervisor reads them', async () => {
  const year = new Date().getFullYear()
  // 1. hq1 on a phone: this year's built-in holidays are there; add a store anniversary.
  const { browser } = ctx
  let page = await browser.session(PHONE)
  await signIn(page, 'hq1')
  await page.goto('/calendar')
  await page.getByTestId('calendar-page').waitFor()
  await page.getByTestId('calendar-month-10').getByText('国庆节').waitFor()
  assert.equal(await page.getByTestId('calendar-year').innerText(), String(year))
  const february = await page.getByTestId('calendar-month-2').innerText()
  assert.match(february, new RegExp(`春节[\\s\\S]*${year}-02-`), `Spring Festival of ${year} in February: ${february}`)
  // No sideways scrolling on the phone, and the months stack in one column.
  assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  await page.getByTestId('calendar-create').click()
  await page.getByTestId('calendar-dialog').waitFor()
  await page.getByTestId('calendar-name').fill('店庆')
  await page.getByTestId('calendar-kind-event').click()
  await typeRange(page, '2027-05-18', '2027-05-20')
  await page.getByTestId('calendar-note').fill('浦东店十周年')
  await screenshot(page, 'calendar-dialog-phone')
  await page.getByTestId('calendar-save').click()
  await page.getByTestId('calendar-dialog').waitFor({ state: 'hidden' })
  const created = await apiCall(page, 'GET', '/calendar-events?q=店庆')
  assert.equal(created.status, 200)
  assert.equal(created.body.total, 1)
  const entry = created.body.items[0]
  assert.deepEqual([entry.kind, entry.starts_on, entry.ends_on, entry.days, entry.note], ['event', '2027-05-18', '2027-05-20', 3, '浦东店十周年'])

  // 2. On a desktop: the 2027 list shows it; its last day moves to the 21st.
  page = await browser.session()
  await signIn(page, 'hq1')
  await page.goto('/calendar')
  await page.getByTestId('calendar-page').waitFor()
  await showYear(page, 2027)
  await page.getByTestId(`calendar-dates-${entry.id}`).getByText('2027-05-18 – 05-20').waitFor()
  await page.getByTestId(`calendar-edit-${entry.id}`).click()
  await page.getByTestId('calendar-dialog').waitFor()
  await settle(page)
  assert.equal(await page.getByTestId('calendar-name').inputValue(), '店庆')
  await typeRange(page, '2027-05-18', '2027-05-21')
  await page.getByTestId('calendar-save').click()
  await page.getByTestId('calendar-dialog').waitFor({ state: 'hidden' })
  await page.getByTestId(`calendar-dates-${entry.id}`).getByText('2027-05-18 – 05-21').waitFor()
  assert.ok((await page.getByTestId('calendar-month-5').innerText()).includes('店庆'), 'listed under May')
  await screenshot(page, 'calendar-desktop')

  // 3. Removed after a confirmation; the audit log keeps all three steps.
  await page.getByTestId(`calendar-remove-${entry.id}`).click()
  await page.locator('.el-message-box').waitFor()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await page.getByTestId(`calendar-dates-${entry.id}`).waitFor({ state: 'detached' })
  assert.equal((await apiCall(page, 'GET', `/calendar-events/${entry.id}`)).status, 404)

  // 4. super1 reads the calendar: no add, change or remove.
  page = await browser.session(PHONE)
  await signIn(page, 'super1')
  await page.goto('/calendar')
  await page.getByTestId('read-only').waitFor()
  await page.getByTestId('calendar-month-10').getByText('国庆节').waitFor()
  assert.equal(await page.getByTestId('calendar-create').count(), 0)
  assert.equal(await page.locator('[data-testid^="calendar-edit-"]').count(), 0)
  assert.deepEqual(browser.problems, [])
})
