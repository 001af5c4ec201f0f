// @vitest-environment node
// Each route loads the texts its pages show. The keys a file uses ('area.key' literals and
// `area.${...}` templates) and the files it imports are read from the source; a module's
// `uses` in modules.ts must name every other module those files, and the files they import,
// take keys from. Shared code outside the modules may use the core only, which is always there.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { MESSAGE_DIRS } from './messageFiles'
import { MESSAGE_MODULES } from './modules'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const rel = (path: string) => relative(ROOT, path)

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !/\.(spec|d)\.ts$/.test(name) ? [rel(path)] : []
  })
}

/** Module name → the directory of its pages (the parent of its i18n directory). */
const moduleDirs = new Map<string, string>()
/** Top-level message namespace → the module that holds it, or 'core'. */
const owners = new Map<string, string>()

async function mapModules(): Promise<void> {
  for (const [name, module] of Object.entries(MESSAGE_MODULES)) {
    const { default: messages } = await module.load()
    const dir = MESSAGE_DIRS.find((d) => d.files['zh-CN']?.tree === messages['zh-CN'])
    if (!dir) throw new Error(`message module ${name} does not load a src/**/i18n/zh-CN.ts`)
    moduleDirs.set(name, dirname(dir.dir))
    for (const ns of Object.keys(messages['zh-CN'])) owners.set(ns, name)
  }
  const core = MESSAGE_DIRS.find((d) => d.dir === 'src/i18n')!
  for (const ns of Object.keys(core.files['zh-CN']!.tree)) owners.set(ns, 'core')
}

/** The module whose directory holds a file (the deepest one), or undefined for shared code. */
function moduleOf(file: string): string | undefined {
  let best: [string, string] | undefined
  for (const [name, dir] of moduleDirs) {
    if (file.startsWith(`${dir}/`) && (!best || dir.length > best[1].length)) best = [name, dir]
  }
  return best?.[0]
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = spec.startsWith('@/') ? join(ROOT, 'src', spec.slice(2)) : spec.startsWith('.') ? resolve(ROOT, dirname(from), spec) : undefined
  if (!base) return undefined
  const hit = [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile())
  return hit && rel(hit)
}

/**
 * For one file: the namespaces it uses, each with the file that uses it (itself or an import).
 * `sharedOnly` stops at files of a module: shared code reaches pages only through routes,
 * and each route loads its own texts.
 */
const usage = new Map<string, Map<string, string>>()

function namespacesOf(file: string, sharedOnly = false, visiting = new Set<string>()): Map<string, string> {
  const memoKey = `${sharedOnly} ${file}`
  const known = usage.get(memoKey)
  if (known) return known
  const result = new Map<string, string>()
  if (visiting.has(file)) return result
  visiting.add(file)
  const text = readFileSync(join(ROOT, file), 'utf8')
  for (const match of text.matchAll(/['"`]([a-zA-Z]+)\.[a-zA-Z_$]/g)) {
    if (owners.has(match[1]!) && !result.has(match[1]!)) result.set(match[1]!, file)
  }
  for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)) {
    const target = resolveImport(file, match[1]!)
    if (!target || target.includes('/i18n/') || (sharedOnly && moduleOf(target))) continue
    for (const [ns, where] of namespacesOf(target, sharedOnly, visiting)) if (!result.has(ns)) result.set(ns, where)
  }
  visiting.delete(file)
  usage.set(memoKey, result)
  return result
}

describe('message modules', async () => {
  await mapModules()
  const files = sourceFiles(join(ROOT, 'src')).filter((f) => !f.includes('/i18n/') && !f.startsWith('src/i18n/'))

  it('are each in their own directory', () => {
    expect(new Set(moduleDirs.values()).size).toBe(moduleDirs.size)
  })

  it('use only modules that exist', () => {
    const unknown = Object.entries(MESSAGE_MODULES).flatMap(([name, m]) =>
      m.uses.filter((u) => !(u in MESSAGE_MODULES) || u === name).map((u) => `${name} uses ${u}`),
    )
    expect(unknown).toEqual([])
  })

  it('finds keys in the source', () => {
    expect(files.filter((f) => namespacesOf(f).size > 0).length).toBeGreaterThan(50)
  })

  it.each(Object.keys(MESSAGE_MODULES))('%s lists in `uses` every module its pages take keys from, and no other', (name) => {
    const needed = new Map<string, string>()
    for (const file of files.filter((f) => moduleOf(f) === name)) {
      for (const [ns, where] of namespacesOf(file)) {
        const owner = owners.get(ns)!
        if (owner !== 'core' && owner !== name && !needed.has(owner)) needed.set(owner, `${ns}.* in ${where}`)
      }
    }
    const declared = MESSAGE_MODULES[name]!.uses
    const missing = [...needed].filter(([owner]) => !declared.includes(owner)).map(([owner, why]) => `missing ${owner} (${why})`)
    const unused = declared.filter((owner) => !needed.has(owner)).map((owner) => `unused ${owner}`)
    expect([...missing, ...unused]).toEqual([])
  })

  it('leave shared code (layouts, components, composables) to the core texts', () => {
    const shared = files.filter((f) => moduleOf(f) === undefined)
    const outside = shared.flatMap((file) =>
      [...namespacesOf(file, true)].filter(([ns]) => owners.get(ns) !== 'core').map(([ns, where]) => `${file}: ${ns}.* (${where})`),
    )
    expect(outside).toEqual([])
  })

  it('load with every page of the navigation', () => {
    const nav = readFileSync(join(ROOT, 'src/nav.ts'), 'utf8')
    const pages = [...nav.matchAll(/key: '(\w+)'[\s\S]*?component: \(\) => import\('([^']+)'\)/g)]
    expect(pages.length).toBeGreaterThan(10)
    const wrong = pages
      .map(([, key, page]) => [key!, resolveImport('src/nav.ts', page!)!] as const)
      .filter(([key, page]) => moduleOf(page) !== key)
      .map(([key, page]) => `route ${key} shows ${page}, outside ${moduleDirs.get(key) ?? `(no message module ${key})`}`)
    expect(wrong).toEqual([])
  })
})
