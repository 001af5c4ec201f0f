// /api/docs serves Swagger UI (no inline scripts) showing the OpenAPI contract.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startServer } from './helpers/server.mjs'
import { launchBrowser, screenshot } from './helpers/browser.mjs'

let server
let browser

before(async () => {
  server = await startServer()
  browser = await launchBrowser(server.baseURL)
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

test('/api/docs renders Swagger UI for the StoreOps API', async () => {
  const page = await browser.context.newPage()
  const response = await page.goto('/api/docs')
  assert.equal(response?.status(), 200)
  assert.equal(await page.title(), 'StoreOps API')
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 })
  // Every tag is listed, collapsed; opening one shows its operations.
  await page.waitForFunction(() => document.querySelectorAll('.swagger-ui .opblock-tag').length > 15, null, { timeout: 15_000 })
  await page.locator('.swagger-ui .opblock-tag', { hasText: 'promotions' }).first().click()
  await page.waitForFunction(() => document.querySelectorAll('.swagger-ui .opblock').length > 5, null, { timeout: 15_000 })
  assert.match(await page.locator('.swagger-ui').innerText(), /\/campaigns\/\{campaign_id\}\/effect/)
  await page.locator('.swagger-ui .opblock-tag', { hasText: 'auth' }).first().click()
  await page.locator('.swagger-ui .opblock', { hasText: '/api/v1/auth/login' }).first().waitFor()
  await screenshot(page, 'apidocs')
  assert.deepEqual(browser.problems, [])
})
