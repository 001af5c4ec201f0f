// The message files, one pair per module (src/**/i18n/zh-CN.ts and en.ts): the same keys and
// {placeholders} in both languages, nothing empty, and every top-level namespace in one module.
import { describe, expect, it } from 'vitest'
import { i18n } from '.'
import { MESSAGE_DIRS, allLeaves, leaves } from './messageFiles'
import { MESSAGE_MODULES } from './modules'

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()

/**
 * A plural form on purpose: "{n} store | {n} stores" (2 or 3 branches, vue-i18n's
 * singular | plural or zero | one | many), each branch non-empty with the same placeholders.
 */
function isPluralForm(text: string): boolean {
  const branches = text.split(' | ')
  if (branches.length < 2 || branches.length > 3 || branches.some((b) => b.trim() === '' || b.includes('|'))) return false
  const first = placeholders(branches[0]!).join()
  return branches.every((b) => placeholders(b).join() === first)
}

describe('message files', () => {
  it('finds the core and the modules', () => {
    expect(MESSAGE_DIRS.map((d) => d.dir)).toContain('src/i18n')
    expect(MESSAGE_DIRS.length).toBe(Object.keys(MESSAGE_MODULES).length + 1)
  })

  describe.each(MESSAGE_DIRS.map((d) => [d.dir, d] as const))('%s', (_, { files }) => {
    const zh = files['zh-CN']
    const en = files.en

    it('has a zh-CN.ts and an en.ts', () => {
      expect(Object.keys(files).sort()).toEqual(['en', 'zh-CN'])
    })

    const zhLeaves = new Map(zh ? leaves(zh.tree) : [])
    const enLeaves = new Map(en ? leaves(en.tree) : [])

    it('has the same keys in both languages', () => {
      const missing = [
        ...[...zhLeaves.keys()].filter((key) => !enLeaves.has(key)).map((key) => `${key} is missing from ${en?.path}`),
        ...[...enLeaves.keys()].filter((key) => !zhLeaves.has(key)).map((key) => `${key} is missing from ${zh?.path}`),
      ]
      expect(missing).toEqual([])
    })

    it('uses the same placeholders in both languages', () => {
      const mismatched = [...zhLeaves]
        .filter(([key, text]) => enLeaves.has(key) && placeholders(text).join() !== placeholders(enLeaves.get(key)!).join())
        .map(([key, text]) => `${key}: {${placeholders(text).join('}{')}} in ${zh?.path}, {${placeholders(enLeaves.get(key)!).join('}{')}} in ${en?.path}`)
      expect(mismatched).toEqual([])
    })

    it('has no empty texts', () => {
      const empty = [...zhLeaves, ...enLeaves].filter(([, text]) => text.trim() === '').map(([key]) => key)
      expect(empty).toEqual([])
    })

    it('avoids characters vue-i18n treats as syntax', () => {
      const risky = [...zhLeaves, ...enLeaves]
        .filter(([, text]) => text.includes('@') || (text.includes('|') && !isPluralForm(text)))
        .map(([key]) => key)
      expect(risky).toEqual([])
    })
  })

  it('keeps each top-level namespace in one module, so merging never overwrites a text', () => {
    const owners = new Map<string, string[]>()
    for (const { dir, files } of MESSAGE_DIRS) {
      for (const ns of Object.keys(files['zh-CN']?.tree ?? {})) owners.set(ns, [...(owners.get(ns) ?? []), dir])
    }
    const shared = [...owners].filter(([, dirs]) => dirs.length > 1).map(([ns, dirs]) => `${ns}: ${dirs.join(', ')}`)
    expect(shared).toEqual([])
  })

  it('tells a plural form from a stray bar', () => {
    expect(isPluralForm('{n} store | {n} stores')).toBe(true)
    expect(isPluralForm('no lots | {n} lot | {n} lots')).toBe(false) // the branches' placeholders differ
    expect(isPluralForm('a|b')).toBe(false)
    expect(isPluralForm('{n} store | ')).toBe(false)
    expect(isPluralForm('a | b | c | d')).toBe(false)
  })

  it('names every role and nav entry in the core', () => {
    const zhCN = allLeaves('zh-CN')
    for (const role of ['admin', 'store_manager', 'supervisor', 'hq_promotions', 'hq_quality']) {
      expect(zhCN.has(`roles.${role}`)).toBe(true)
    }
    expect(zhCN.get('nav.users')).toBe('用户')
    expect(allLeaves('en').get('nav.audit')).toBe('Audit log')
  })

  it('keeps the space in the English list separator through the message compiler', () => {
    const t = i18n.global.t as (key: string, params: Record<string, unknown>, opts: { locale: string }) => string
    expect(['冷库', '操作间'].join(t('common.listSeparator', {}, { locale: 'en' }))).toBe('冷库, 操作间')
    expect(['冷库', '操作间'].join(t('common.listSeparator', {}, { locale: 'zh-CN' }))).toBe('冷库、操作间')
  })
})
