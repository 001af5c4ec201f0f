// Page texts arrive with their routes: absent on the login page, present (in both languages)
// once a route of the module has been entered, and merged only once.
import { describe, expect, it, vi } from 'vitest'
import { createI18n } from 'vue-i18n'
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router'
import { messages } from '.'
import { createMessageLoader, installMessageLoading } from './loader'
import { MESSAGE_MODULES, type MessageModule } from './modules'
import { routes } from '@/router/routes'

const Stub = { template: '<div />' }

/** The app's route table with stub pages: the test is about names and meta, not components. */
function stubbed(records: RouteRecordRaw[]): RouteRecordRaw[] {
  return records.map((record) => ({ ...record, component: Stub, children: record.children && stubbed(record.children) }) as RouteRecordRaw)
}

function setUp() {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages: structuredClone(messages) })
  const loader = createMessageLoader(i18n.global)
  const router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) })
  installMessageLoading(router, loader)
  const { t, te, locale } = i18n.global
  return { loader, router, t, te, locale }
}

describe('message loading with the routes', () => {
  it('keeps module texts out of the login page and brings them with the module route', async () => {
    const { loader, router, t, te, locale } = setUp()
    await router.push('/login')
    expect(t('login.title')).toBe('登录')
    expect(te('stocktakes.title', 'zh-CN')).toBe(false)
    expect(te('stocktakes.title', 'en')).toBe(false)
    expect(Object.keys(MESSAGE_MODULES).filter((name) => loader.isLoaded(name))).toEqual([])

    await router.push('/stocktakes')
    expect(t('stocktakes.title')).toBe('盘点')
    expect(te('stocktakes.count.ok', 'en')).toBe(true)
    // The modules it uses come along (product names in the variance table), others do not.
    expect(loader.isLoaded('products')).toBe(true)
    expect(te('products.name', 'en')).toBe(true)
    expect(te('audit.title', 'zh-CN')).toBe(false)

    locale.value = 'en'
    expect(t('stocktakes.title')).toBe('Stocktakes')
  })

  it('shows a module loaded after a language switch in the chosen language, and back', async () => {
    const { router, t, locale } = setUp()
    await router.push('/login')
    locale.value = 'en'
    await router.push('/audit')
    expect(t('audit.title')).toBe('Audit log')
    locale.value = 'zh-CN'
    expect(t('audit.title')).toBe('审计日志')
  })

  it('loads nothing for routes without a module', async () => {
    const { loader, router } = setUp()
    await router.push('/forbidden')
    await router.push('/no/such/page')
    expect(Object.keys(MESSAGE_MODULES).filter((name) => loader.isLoaded(name))).toEqual([])
  })
})

describe('createMessageLoader', () => {
  function fake(failFirst = false) {
    let calls = 0
    const load = vi.fn(async () => {
      calls += 1
      if (failFirst && calls === 1) throw new Error('offline')
      return { default: { 'zh-CN': { demo: { hi: '你好' } }, en: { demo: { hi: 'Hi' } } } }
    })
    const modules: Record<string, MessageModule> = { demo: { load, uses: [] }, page: { load: async () => ({ default: { 'zh-CN': {}, en: {} } }), uses: ['demo'] } }
    const merged: [string, unknown][] = []
    const loader = createMessageLoader({ mergeLocaleMessage: (locale, m) => void merged.push([locale, m]) }, modules)
    return { loader, load, merged }
  }

  it('merges each module once, in both languages, however often it is asked for', async () => {
    const { loader, load, merged } = fake()
    await Promise.all([loader.load(['page']), loader.load(['demo']), loader.load(['page'])])
    expect(load).toHaveBeenCalledTimes(1)
    expect(merged.filter(([, m]) => JSON.stringify(m).includes('hi'))).toEqual([
      ['zh-CN', { demo: { hi: '你好' } }],
      ['en', { demo: { hi: 'Hi' } }],
    ])
  })

  it('tries a failed download again on the next call', async () => {
    const { loader, load } = fake(true)
    await expect(loader.load(['demo'])).rejects.toThrow('offline')
    expect(loader.isLoaded('demo')).toBe(false)
    await loader.load(['demo'])
    expect(loader.isLoaded('demo')).toBe(true)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('refuses an unknown module', async () => {
    await expect(fake().loader.load(['nope'])).rejects.toThrow('unknown message module nope')
  })
})
