// Measures what a browser transfers for the sign-in page and for the first page after
// signing in, in real Chromium against a running server: bytes on the wire (after
// compression) and decoded, for JS, CSS and everything, with a cold cache.
//
//   node scripts/measure-transfer.mjs http://127.0.0.1:8080 [user] [password] [phone|desktop]
//
// Start the server first (`make run`, or `bin/storeops serve` on a demo database).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const [base = 'http://127.0.0.1:8080', user = 'super1', password = 'demo1234', screen = 'phone'] = process.argv.slice(2)
const dir = await mkdtemp(join(tmpdir(), 'storeops-measure-'))
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  viewport: screen === 'desktop' ? { width: 1280, height: 800 } : { width: 390, height: 844 },
  locale: 'zh-CN',
  baseURL: base,
})
const page = context.pages()[0] ?? (await context.newPage())
const cdp = await context.newCDPSession(page)
await cdp.send('Network.enable')
await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })

const requests = new Map()
let inflight = 0
let lastActivity = Date.now()
cdp.on('Network.requestWillBeSent', () => {
  inflight++
  lastActivity = Date.now()
})
cdp.on('Network.loadingFailed', () => {
  inflight--
  lastActivity = Date.now()
})
cdp.on('Network.responseReceived', (e) => {
  requests.set(e.requestId, { url: e.response.url, type: e.type, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? '', wire: 0, decoded: 0 })
})
cdp.on('Network.dataReceived', (e) => {
  const r = requests.get(e.requestId)
  if (r) r.decoded += e.dataLength
})
cdp.on('Network.loadingFinished', (e) => {
  inflight--
  lastActivity = Date.now()
  const r = requests.get(e.requestId)
  if (r) r.wire = e.encodedDataLength
})

/** Waits until nothing has been in flight for 1.5 s: a single-page app's navigation loads
 * its chunks, data and lazily loaded charts without a new page load event. */
async function settled() {
  while (inflight > 0 || Date.now() - lastActivity < 1500) await new Promise((r) => setTimeout(r, 100))
}

function take() {
  const all = [...requests.values()].filter((r) => r.wire > 0 || r.decoded > 0)
  requests.clear()
  const sum = (list, key) => list.reduce((n, r) => n + r[key], 0)
  const kinds = { JS: all.filter((r) => r.type === 'Script'), CSS: all.filter((r) => r.type === 'Stylesheet'), all }
  const out = {}
  for (const [k, list] of Object.entries(kinds)) {
    out[k] = { files: list.length, wireKB: +(sum(list, 'wire') / 1024).toFixed(1), decodedKB: +(sum(list, 'decoded') / 1024).toFixed(1) }
  }
  out.encodings = [...new Set(all.filter((r) => r.type === 'Script').map((r) => r.encoding || 'none'))].join(',')
  return out
}

await page.goto('/login')
await page.getByTestId('login-username').waitFor()
await settled()
const login = take()
await page.getByTestId('login-username').fill(user)
await page.getByTestId('login-password').fill(password)
await page.getByTestId('login-submit').click()
await page.waitForURL((url) => url.pathname !== '/login')
await settled()
const after = take()
await context.close()
await rm(dir, { recursive: true, force: true })

for (const [name, m] of [[`sign-in page (${screen})`, login], [`first page after sign-in (${user}, ${screen})`, after]]) {
  console.log(`${name}: JS ${m.JS.files} files ${m.JS.wireKB} KB on the wire (${m.JS.decodedKB} KB decoded), ` +
    `CSS ${m.CSS.files} files ${m.CSS.wireKB} KB (${m.CSS.decodedKB} KB), all ${m.all.files} responses ` +
    `${m.all.wireKB} KB (${m.all.decodedKB} KB); JS encodings: ${m.encodings}`)
}
