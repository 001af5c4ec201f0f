// Headless Debian Chromium driven by playwright-core (no downloaded browsers), with
// helpers for signing in and saving screenshots.
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'artifacts')
export const DESKTOP = { width: 1280, height: 800 }
export const PHONE = { width: 375, height: 667 }
export const PASSWORD = 'demo1234'

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Launches Chromium with a fresh profile directory. Call `session()` for a page with
 * no cookies or storage left from a previous test. `extraArgs` adds Chromium flags for
 * one test's own browser (e.g. a fake camera), on top of the fixed ones.
 */
export async function launchBrowser(baseURL, { extraArgs = [] } = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'storeops-chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, ...extraArgs],
    viewport: DESKTOP,
    locale: 'zh-CN',
    baseURL,
  })
  const problems = []
  context.on('weberror', (error) => problems.push(String(error.error())))

  async function session(viewport = DESKTOP) {
    for (const page of context.pages()) await page.close()
    await context.clearCookies()
    const page = await context.newPage()
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) problems.push(msg.text())
    })
    await page.setViewportSize(viewport)
    await page.goto('/login')
    await page.evaluate(() => {
      localStorage.clear()
      sessionStorage.clear()
    })
    await page.reload()
    await page.getByTestId('login-username').waitFor()
    return page
  }

  async function close() {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }

  return { context, session, close, problems }
}

/** Fills the login form and submits it. */
export async function login(page, username, password = PASSWORD) {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
}

/** Signs in and waits until the app has left the login page. */
export async function signIn(page, username, password = PASSWORD) {
  await login(page, username, password)
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** True when nothing on the page scrolls sideways (the phone's width holds it all). */
export const fitsWidth = (page) => page.evaluate(() => document.scrollingElement.scrollWidth <= window.innerWidth)

export async function screenshot(page, name) {
  await mkdir(ARTIFACTS, { recursive: true })
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

export const ALL_NAV = ['home', 'kpi', 'budgets', 'ranking', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'users', 'stores', 'notifications', 'audit', 'profile']

/** The nav test ids present on the page, in the order shown. */
export async function visibleNav(page) {
  const ids = await page.locator('[data-testid^="nav-"]').evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-testid')),
  )
  return ids.filter((id) => ALL_NAV.includes(id.slice(4))).map((id) => id.slice(4))
}

/** Calls the API from the page with the session cookie and CSRF token, as the SPA does. */
export function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api/v1${path}`, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': sessionStorage.getItem('storeops.csrf') ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await res.text()
      return { status: res.status, body: text ? JSON.parse(text) : null }
    },
    { method, path, body },
  )
}

/** Waits until CSS transitions (drawer, dialog) have finished. */
export const settle = (page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))

/** Waits (up to 5 s) until an input shows the expected value, e.g. after a reload request. */
export async function waitForValue(locator, expected) {
  let value = ''
  for (let i = 0; i < 50; i++) {
    value = await locator.inputValue()
    if (value === expected) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return value
}
