// @vitest-environment node
// Every message key written literally in the source – t('area.key') – exists in zh-CN, in the
// core or in a module (and so, by messages.spec.ts, in English); modules.spec.ts checks the
// route loads that module. Keys built at run time are not checked here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { allLeaves } from './messageFiles'

const SRC = fileURLToPath(new URL('..', import.meta.url))

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(vue|ts)$/.test(name) && !/\.spec\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : []
  })
}

const zhCN = allLeaves('zh-CN')
const has = (key: string) => zhCN.has(key)

describe('message keys used in the source', () => {
  const used = new Map<string, string>()
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z_]+(?:\.[a-zA-Z_]+)+)'/g)) {
      used.set(match[1]!, file.slice(SRC.length))
    }
  }

  it('finds the keys', () => {
    expect(used.size).toBeGreaterThan(100)
  })

  it('are all defined', () => {
    const missing = [...used].filter(([key]) => !has(key)).map(([key, file]) => `${key} (${file})`)
    expect(missing).toEqual([])
  })
})
