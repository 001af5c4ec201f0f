// @vitest-environment node
// ECharts is big: it may only be reached through a dynamic import(). This walks the static
// imports (`import … from`, `export … from`, side-effect imports; not `import type`, not
// `import()`) from the entry, the router, the navigation, the layout and the login and home
// pages, and fails if any of them pulls in ECharts.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('.', import.meta.url))
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm

function scriptOf(file: string): string {
  const text = readFileSync(file, 'utf8')
  if (!file.endsWith('.vue')) return text
  return [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n')
}

function resolveLocal(spec: string, from: string): string | null {
  let base: string
  if (spec.startsWith('@/')) base = join(SRC, spec.slice(2))
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec)
  else return null
  for (const candidate of [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  throw new Error(`cannot resolve ${spec} from ${from}`)
}

/** Every file and package reached from `entry` by static imports. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const todo = [join(SRC, entry)]
  while (todo.length > 0) {
    const file = todo.pop()!
    if (files.has(file)) continue
    files.add(file)
    if (!/\.(ts|vue)$/.test(file)) continue
    for (const match of scriptOf(file).matchAll(STATIC_IMPORT)) {
      const spec = match[1]!
      const local = resolveLocal(spec, file)
      if (local) todo.push(local)
      else packages.add(spec)
    }
  }
  return { files, packages }
}

const isECharts = (spec: string) => /^(echarts|vue-echarts|zrender)(\/|$)/.test(spec)

describe('ECharts stays out of the eager chunks', () => {
  it.each([
    'main.ts',
    'nav.ts',
    'router/index.ts',
    'layouts/AppLayout.vue',
    'pages/auth/LoginPage.vue',
    'pages/home/HomePage.vue',
    'pages/home/StaffHome.vue',
    'pages/kpi/KpiPage.vue',
    'pages/kpi/KpiCockpit.vue',
    'pages/budgets/BudgetsPage.vue',
    'pages/ranking/RankingPage.vue',
    'pages/stocktakes/StocktakesPage.vue',
    'pages/stocktakes/HistoryView.vue',
    'pages/stocktakes/CountingView.vue',
    'pages/ordering/OrderingPage.vue',
    'pages/ordering/PlanEditor.vue',
    'pages/ordering/LineWhy.vue',
    'pages/ordering/AccuracyPage.vue',
  ])('%s imports no ECharts statically', (entry) => {
    const { packages } = staticGraph(entry)
    expect([...packages].filter(isECharts)).toEqual([])
  })

  it('finds ECharts behind the lazily loaded chart components (the walk works)', () => {
    for (const lazy of ['pages/kpi/KpiCharts.vue', 'pages/kpi/KpiDrilldown.vue', 'pages/ranking/RankingChart.vue', 'pages/stocktakes/AccuracyChart.vue']) {
      expect([...staticGraph(lazy).packages].filter(isECharts)).toContain('echarts/core')
    }
  })

  it('imports ECharts only through components/charts/echarts.ts, from its core', () => {
    const { files } = staticGraph('pages/kpi/KpiCharts.vue')
    const importers = [...files].filter((file) => [...scriptOf(file).matchAll(STATIC_IMPORT)].some((m) => isECharts(m[1]!)))
    expect(importers.map((file) => file.slice(SRC.length))).toEqual(['components/charts/echarts.ts'])
    const specs = [...scriptOf(join(SRC, 'components/charts/echarts.ts')).matchAll(STATIC_IMPORT)].map((m) => m[1])
    expect(specs).not.toContain('echarts')
    expect(specs).toContain('echarts/core')
  })
})

// The barcode decoder (ZXing) is loaded when the camera opens: not by the login page, the
// layout, or the counting screen that offers the camera button.
describe('ZXing stays out of the eager chunks', () => {
  const isZxing = (spec: string) => spec.startsWith('@zxing/')

  it.each(['main.ts', 'layouts/AppLayout.vue', 'pages/auth/LoginPage.vue', 'pages/stocktakes/CountingView.vue', 'components/scan/ScanField.vue'])(
    '%s imports no ZXing statically',
    (entry) => {
      expect([...staticGraph(entry).packages].filter(isZxing)).toEqual([])
    },
  )

  it('finds ZXing behind the lazily loaded detector (the walk works)', () => {
    expect([...staticGraph('components/scan/zxingDetector.ts').packages].filter(isZxing)).toContain('@zxing/browser')
  })
})
