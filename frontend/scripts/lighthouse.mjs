// Lighthouse (mobile, performance) on the sign-in page and on the KPI cockpit of a signed-in
// store manager, each N times; prints every score and the median.
//
//   npm i --no-save lighthouse@12.8.2   (not a dependency of the app; `npm ci` drops it again)
//   node scripts/lighthouse.mjs http://127.0.0.1:8080 [runs=3]
//
// Scores are noisy on a busy two-core machine: compare runs made under the same load.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import puppeteer from 'puppeteer-core'
import lighthouse from 'lighthouse'

const [base = 'http://127.0.0.1:8080', runsArg = '3'] = process.argv.slice(2)
const runs = Number(runsArg)
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run']

async function once(path, signIn) {
  const dir = await mkdtemp(join(tmpdir(), 'storeops-lh-'))
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH || '/usr/bin/chromium', chromeFlags: FLAGS, userDataDir: dir })
  try {
    if (signIn) {
      const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` })
      const page = await browser.newPage()
      await page.goto(base + '/login')
      await page.waitForSelector('[data-testid="login-username"] input, input[data-testid="login-username"]')
      await page.type('[data-testid="login-username"] input, input[data-testid="login-username"]', signIn)
      await page.type('[data-testid="login-password"] input, input[data-testid="login-password"]', 'demo1234')
      await page.click('[data-testid="login-submit"]')
      await page.waitForFunction(() => location.pathname !== '/login')
      await page.close()
      browser.disconnect()
    }
    const result = await lighthouse(base + path, { port: chrome.port, onlyCategories: ['performance'], disableStorageReset: !!signIn, logLevel: 'error' })
    const a = result.lhr.audits
    return { score: Math.round(result.lhr.categories.performance.score * 100), fcp: a['first-contentful-paint'].displayValue,
      lcp: a['largest-contentful-paint'].displayValue, tbt: a['total-blocking-time'].displayValue, cls: a['cumulative-layout-shift'].displayValue }
  } finally {
    await chrome.kill()
    await rm(dir, { recursive: true, force: true })
  }
}

for (const [name, path, user] of [['sign-in page', '/login', null], ['KPI cockpit (manager1)', '/kpi', 'manager1']]) {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await once(path, user))
  const scores = results.map((r) => r.score).sort((x, y) => x - y)
  console.log(`${name}: median ${scores[Math.floor(scores.length / 2)]} of ${results.map((r) => `${r.score} (FCP ${r.fcp}, LCP ${r.lcp}, TBT ${r.tbt}, CLS ${r.cls})`).join('; ')}`)
}
