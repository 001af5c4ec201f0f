import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import { i18n, setLocale } from '@/i18n'
import { ApiError } from '@/api/http'
import type { StoreScope } from '@/composables/useStoreScope'
import PageShell from './PageShell.vue'

function scopeOf(storeId: number | null, canPick: boolean): StoreScope {
  return {
    canPick: ref(canPick),
    storeId: ref(storeId),
    canChain: ref(false),
    chain: ref(false),
    choice: ref(storeId),
    store: ref(storeId === null ? null : { id: storeId, name: '上海浦东店', timezone: 'Asia/Shanghai' }),
  } as unknown as StoreScope
}

function mountShell(props: Record<string, unknown>) {
  return mount(PageShell, {
    props: { title: '商品', ...props },
    slots: { default: '<p data-testid="content">x</p>', actions: '<button data-testid="act">a</button>' },
    global: { plugins: [i18n] },
  })
}

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('PageShell', () => {
  it('shows the title as the page heading, the actions and the content', () => {
    const wrapper = mountShell({})
    expect(wrapper.get('h1').text()).toBe('商品')
    expect(wrapper.find('[data-testid="act"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="content"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="read-only"]').exists()).toBe(false)
  })

  it('marks a read-only page and says why', () => {
    const wrapper = mountShell({ readOnlyHint: '只有管理员可以修改' })
    expect(wrapper.get('[data-testid="read-only"]').text()).toBe('只读')
    expect(wrapper.text()).toContain('只有管理员可以修改')
  })

  it("shows the list's load error and retries through the list", async () => {
    let loads = 0
    const list = { error: ref<unknown>(new ApiError(500, 'internal', 'boom')), load: async () => void loads++ }
    const wrapper = mountShell({ list })
    expect(wrapper.find('[data-testid="load-error"]').exists()).toBe(true)
    await wrapper.get('[data-testid="load-error"] button').trigger('click')
    expect(loads).toBe(1)
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })

  it('holds the content back until a store is chosen, and tells a user without one', () => {
    expect(mountShell({ scope: scopeOf(null, false) }).find('[data-testid="content"]').exists()).toBe(false)
    expect(mountShell({ scope: scopeOf(null, false) }).text()).toContain('尚未分配门店')
    expect(mountShell({ scope: scopeOf(null, true) }).find('[data-testid="content"]').exists()).toBe(false)
    const own = mountShell({ scope: scopeOf(1, false) })
    expect(own.find('[data-testid="content"]').exists()).toBe(true)
    expect(own.get('[data-testid="store-name"]').text()).toContain('上海浦东店')
  })

  it('tells a reader of another language that catalogue names are the chain\'s own, untranslated', () => {
    expect(mountShell({ chainNames: true }).find('[data-testid="chain-names-note"]').exists()).toBe(false)
    setLocale('en')
    expect(mountShell({ chainNames: true }).get('[data-testid="chain-names-note"]').text()).toMatch(/not translated/)
    expect(mountShell({}).find('[data-testid="chain-names-note"]').exists()).toBe(false)
  })
})
