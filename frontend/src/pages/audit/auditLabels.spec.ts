import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createI18n } from 'vue-i18n'
import zhCN from './i18n/zh-CN'
import en from './i18n/en'
import { actionLabel, auditCodeOptions, entityLabel } from './auditLabels'

function translator(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } })
  const { t, te } = i18n.global
  return { t: (k: string) => t(k), te: (k: string) => te(k) }
}

/** Every audit action the Go code writes: literal codes and the feed kinds. */
function serverActions(): string[] {
  const root = join(__dirname, '..', '..', '..', '..', 'internal')
  const found = new Set<string>()
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')) {
        const src = readFileSync(path, 'utf8')
        for (const m of src.matchAll(/(?:Action: |action: |changeAudited\(ctx, p, id, (?:true|false), |s\.change\(ctx, p, id, (?:true|false), )"([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]!)
        // Budgets pass their action as the last argument of one create call (create, copy).
        for (const m of src.matchAll(/s\.create\(ctx, tx, p, [^"\n]*"([a-z_]+\.[a-z_]+)"\)/g)) found.add(m[1]!)
      }
    }
  }
  walk(root)
  for (const kind of ['sales', 'receipts', 'labour', 'expenses']) found.add(`feed.${kind}`)
  for (const kind of ['count', 'recount']) found.add(`stocktake.${kind}`)
  return [...found].sort()
}

describe('audit labels', () => {
  it('says every action the server writes in words, in both languages', () => {
    const actions = serverActions()
    expect(actions.length).toBeGreaterThan(20)
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = translator(locale)
      const missing = actions.filter((code) => actionLabel(code, t, te) === code)
      expect(missing, `${locale} has no words for`).toEqual([])
    }
  })

  it('keeps an unknown code as it is', () => {
    const { t, te } = translator('zh-CN')
    expect(actionLabel('promo.publish', t, te)).toBe('promo.publish')
    expect(actionLabel('user.create', t, te)).toBe('新建用户')
    expect(entityLabel('feed_import', t, te)).toBe('数据上传')
    expect(entityLabel('loyalty_card', t, te)).toBe('loyalty_card')
    const english = translator('en')
    expect(entityLabel('stocktake', english.t, english.te)).toBe('Stocktake')
  })
})

describe('audit filter choices', () => {
  it('offers every action the server writes, each in words, sorted by them', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { t, te } = translator(locale)
      const { actions, entities } = auditCodeOptions(zhCN.audit, t, te, locale)
      const codes = actions.map((o) => o.value)
      for (const code of serverActions()) expect(codes, `${locale} filter`).toContain(code)
      for (const option of [...actions, ...entities]) expect(option.label, option.value).not.toBe(option.value)
      const labels = actions.map((o) => o.label)
      expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, locale)))
    }
    const english = translator('en')
    const { entities } = auditCodeOptions(zhCN.audit, english.t, english.te, 'en')
    expect(entities).toContainEqual({ value: 'feed_import', label: 'Data upload' })
  })
})
