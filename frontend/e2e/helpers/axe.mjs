// Runs axe-core in the page and answers its serious and critical violations, for the
// parts of a page a test names. axe is evaluated through the driver, which the page's
// Content Security Policy does not apply to, so no CSP report is caused.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import assert from 'node:assert/strict'
import { settle } from './browser.mjs'

const source = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical violations inside the elements matched by `selectors`. */
export async function seriousViolations(page, selectors) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source)
  return page.evaluate(async (include) => {
    const result = await window.axe.run({ include: include.map((s) => [s]) }, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
  }, selectors)
}

/** Fails the test with `where` and the findings when the settled page has serious or critical ones. */
export async function noSeriousAxe(page, where) {
  await settle(page)
  const found = await seriousViolations(page, ['body'])
  assert.deepEqual(found, [], `${where}: ${JSON.stringify(found)}`)
}
