import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN'
import en from './en'

type Tree = { [key: string]: string | Tree }

/** Every leaf as [dotted.key, text]. */
function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  )
}

const zhLeaves = new Map(leaves(zhCN))
const enLeaves = new Map(leaves(en))
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('i18n messages', () => {
  it('has every zh-CN key in English', () => {
    expect([...zhLeaves.keys()].filter((key) => !enLeaves.has(key))).toEqual([])
  })

  it('has every English key in zh-CN', () => {
    expect([...enLeaves.keys()].filter((key) => !zhLeaves.has(key))).toEqual([])
  })

  it('has no empty texts', () => {
    const empty = [...zhLeaves, ...enLeaves].filter(([, text]) => text.trim() === '').map(([key]) => key)
    expect(empty).toEqual([])
  })

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...zhLeaves].filter(([key, text]) => {
      const other = enLeaves.get(key) ?? ''
      return placeholders(text).join() !== placeholders(other).join()
    })
    expect(mismatched.map(([key]) => key)).toEqual([])
  })

  it('avoids characters vue-i18n treats as syntax', () => {
    const risky = [...zhLeaves, ...enLeaves].filter(([, text]) => /[@|]/.test(text)).map(([key]) => key)
    expect(risky).toEqual([])
  })

  it('names every role and nav entry', () => {
    for (const role of ['admin', 'store_manager', 'supervisor', 'hq_promotions']) {
      expect(zhLeaves.has(`roles.${role}`)).toBe(true)
    }
    expect(zhCN.nav.users).toBe('用户')
    expect(en.nav.audit).toBe('Audit log')
  })
})
