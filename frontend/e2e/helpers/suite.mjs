// One test file's server and browser: a fresh demo server (its own database) and a Chromium
// with a fresh profile, started before the file's tests and stopped after them. Call at the
// top of a test file; the answer's fields are set once `before` has run. `setup` runs after
// both are up, inside the same hook (node:test does not wait for one top-level hook before
// starting the next). `serverEnv` (an object, or a function called in that hook) adds
// settings of the server.
import assert from 'node:assert/strict'
import { after, before } from 'node:test'
import { startServer } from './server.mjs'
import { launchBrowser, PASSWORD } from './browser.mjs'

export function suite({ browserArgs = [], setup, serverEnv } = {}) {
  const ctx = { server: null, browser: null }
  before(async () => {
    ctx.server = await startServer({ env: typeof serverEnv === 'function' ? serverEnv() : serverEnv })
    ctx.browser = await launchBrowser(ctx.server.baseURL, { extraArgs: browserArgs })
    await setup?.(ctx)
  })
  after(async () => {
    await ctx.browser?.close()
    await ctx.server?.stop()
  })
  return ctx
}

/**
 * A signed-in API client from Node (its own cookie jar), for set-up and checks beside the
 * browser: `await (await apiAs(base, 'manager1'))('GET', '/stores/1/stocktakes')` answers
 * `{ status, body }`.
 */
export async function apiAs(baseURL, username, password = PASSWORD) {
  const res = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  assert.equal(res.status, 200, `login ${username}`)
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')
  const { csrf_token: csrf } = await res.json()
  return async (method, path, body) => {
    const r = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await r.text()
    return { status: r.status, body: text ? JSON.parse(text) : null }
  }
}

/** The day after today in the store's time zone (`timeZone`), as the order plan screen defaults to. */
export function storeTomorrow(timeZone) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
  return new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}
