// Test helper: every message file of the app read at once (the core in src/i18n/ and each
// module's src/**/i18n/), flattened to dotted keys. Only specs import it, so the build keeps
// loading module texts lazily.
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales'

export type Tree = { [key: string]: string | Tree }

/** A directory holding one zh-CN.ts and one en.ts. */
export interface MessageDir {
  dir: string
  files: Partial<Record<Locale, { path: string; tree: Tree }>>
}

const found = import.meta.glob<Tree>('/src/**/i18n/{zh-CN,en}.ts', { eager: true, import: 'default' })

/** Message directories by path, e.g. `src/pages/stocktakes/i18n`. */
export const MESSAGE_DIRS: MessageDir[] = (() => {
  const dirs = new Map<string, MessageDir>()
  for (const [path, tree] of Object.entries(found)) {
    const match = /^\/(.*)\/(zh-CN|en)\.ts$/.exec(path)
    if (!match) continue
    const dir = match[1]!
    const locale = match[2] as Locale
    const entry = dirs.get(dir) ?? { dir, files: {} }
    entry.files[locale] = { path: path.slice(1), tree }
    dirs.set(dir, entry)
  }
  return [...dirs.values()].sort((a, b) => a.dir.localeCompare(b.dir))
})()

/** Every leaf of a message tree as [dotted.key, text]. */
export function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  )
}

/** All texts of one language, core and modules together, as the app has them once all are loaded. */
export function allLeaves(locale: Locale = DEFAULT_LOCALE): Map<string, string> {
  return new Map(MESSAGE_DIRS.flatMap((dir) => (dir.files[locale] ? leaves(dir.files[locale].tree) : [])))
}

export { LOCALES }
