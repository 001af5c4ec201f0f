// Prints the gzipped size of the JavaScript the /login route loads (the entry, its
// static imports, the login page chunk and its static imports) and of all JS, from
// dist/.vite/manifest.json. Exits 1 when the login route is over the budget, or when it
// carries ECharts, ZXing or the texts of a page area (src/**/i18n/ modules load with their
// routes).
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BUDGET_KB = 250
const LOGIN_PAGE = 'src/pages/auth/LoginPage.vue'
const LAYOUT = 'src/layouts/AppLayout.vue'

const frontend = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(frontend, 'dist')
const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8'))

/** The manifest keys of `start` and everything it imports statically. */
function staticClosure(start, seen = new Set()) {
  if (seen.has(start)) return seen
  const chunk = manifest[start]
  if (!chunk) throw new Error(`manifest has no entry for ${start}`)
  seen.add(start)
  for (const dep of chunk.imports ?? []) staticClosure(dep, seen)
  return seen
}

async function gzipKB(file) {
  return gzipSync(await readFile(join(dist, file)), { level: 9 }).length / 1024
}

async function sumKB(files) {
  let total = 0
  for (const file of files) total += await gzipKB(file)
  return total
}

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.join(', ')}`)

const loginKeys = new Set([...staticClosure(entries[0]), ...staticClosure(LOGIN_PAGE)])
const loginFiles = [...new Set([...loginKeys].map((key) => manifest[key].file))].filter((f) => f.endsWith('.js'))
const allFiles = [...new Set(Object.values(manifest).map((chunk) => chunk.file))].filter((f) => f.endsWith('.js'))

const loginKB = await sumKB(loginFiles)
const totalKB = await sumKB(allFiles)
const layoutKB = await sumKB(
  [...staticClosure(LAYOUT)].map((key) => manifest[key].file).filter((f) => !loginFiles.includes(f)),
)

console.log(`login route JS: ${loginKB.toFixed(1)} KB gzipped in ${loginFiles.length} files (budget ${BUDGET_KB} KB)`)
console.log(`signed-in layout adds: ${layoutKB.toFixed(1)} KB gzipped`)
console.log(`all JS: ${totalKB.toFixed(1)} KB gzipped in ${allFiles.length} files`)

// ECharts is loaded with the KPI charts only: never by the login route or the signed-in layout.
const eagerFiles = [...new Set([...loginFiles, ...[...staticClosure(LAYOUT)].map((key) => manifest[key].file)])]
const chartFiles = []
for (const file of allFiles) {
  if ((await readFile(join(dist, file), 'utf8')).includes('_echarts_instance_')) chartFiles.push(file)
}
const chartsKB = await sumKB(chartFiles)
console.log(`ECharts chunk: ${chartsKB.toFixed(1)} KB gzipped (${chartFiles.join(', ') || 'none'}), loaded by the KPI charts only`)
const leaked = chartFiles.filter((file) => eagerFiles.includes(file))
if (leaked.length > 0) {
  console.error(`ECharts is in the login or layout chunks: ${leaked.join(', ')}`)
  process.exit(1)
}

// ZXing (the barcode decoder for browsers without BarcodeDetector) is loaded when the camera
// opens only. Its exception names survive minification and mark the chunk.
const scanFiles = []
for (const file of allFiles) {
  if ((await readFile(join(dist, file), 'utf8')).includes('ChecksumException')) scanFiles.push(file)
}
console.log(`ZXing chunk: ${(await sumKB(scanFiles)).toFixed(1)} KB gzipped (${scanFiles.join(', ') || 'none'}), loaded when the camera opens`)
const scanLeaked = scanFiles.filter((file) => eagerFiles.includes(file))
if (scanLeaked.length > 0) {
  console.error(`ZXing is in the login or layout chunks: ${scanLeaked.join(', ')}`)
  process.exit(1)
}

// Page texts: each message module is a chunk of its own, loaded by the router, never by the
// login route. Checked twice: by the manifest, and by looking for the module's own sentences
// (Chinese ones of six characters or more that the core texts do not contain) in the login JS.
const moduleKeys = Object.keys(manifest).filter((key) => /(^|\/)i18n\/index\.ts$/.test(key) && key !== 'src/i18n/index.ts')
const moduleFiles = moduleKeys.map((key) => manifest[key].file)
console.log(`page texts: ${(await sumKB(moduleFiles)).toFixed(1)} KB gzipped in ${moduleFiles.length} module chunks, loaded with their routes`)
const loginText = (await Promise.all(loginFiles.map((file) => readFile(join(dist, file), 'utf8')))).join('\n')
const coreText = (await Promise.all(['src/i18n/zh-CN.ts', 'src/i18n/en.ts'].map((f) => readFile(join(frontend, f), 'utf8')))).join('\n')
const textLeaks = []
let sentences = 0
const sources = (await readdir(join(frontend, 'src'), { recursive: true }))
  .map((path) => relative(frontend, join(frontend, 'src', path)).replaceAll('\\', '/'))
  .filter((path) => path.endsWith('/i18n/zh-CN.ts') && !path.startsWith('src/i18n/'))
for (const source of sources) {
  const own = [...(await readFile(join(frontend, source), 'utf8')).matchAll(/'([^'\\]*)'/g)]
    .map((m) => m[1])
    .filter((text) => (text.match(/\p{Script=Han}/gu) ?? []).length >= 6 && !coreText.includes(text))
  sentences += own.length
  const leaked = own.filter((text) => loginText.includes(text))
  if (leaked.length > 0) textLeaks.push(`${source} (${leaked.length} of ${own.length}, e.g. ${leaked[0]})`)
}
const chunkLeaks = moduleFiles.filter((file) => loginFiles.includes(file))
if (moduleFiles.length === 0 || sentences === 0 || chunkLeaks.length > 0 || textLeaks.length > 0) {
  console.error(`page texts in the login route: ${[...chunkLeaks, ...textLeaks].join('; ') || `none found to check (${moduleFiles.length} chunks, ${sentences} sentences)`}`)
  process.exit(1)
}

if (loginKB > BUDGET_KB) {
  console.error(`login route JS is over budget: ${loginKB.toFixed(1)} KB > ${BUDGET_KB} KB`)
  process.exit(1)
}
