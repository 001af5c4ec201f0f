import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n, setLocale } from '@/i18n'
import type { Me } from '@/api/auth'
import type { InboxEntry } from '@/api/today'
import { useSessionStore } from '@/stores/session'
import { jsonResponse, stubFetch } from '@/testFixtures'
import TodayList from './TodayList.vue'

const fetchMock = stubFetch()
const SH = 'Asia/Shanghai'

function entry(over: Partial<InboxEntry>): InboxEntry {
  return {
    kind: 'stocktake.count',
    title: '盘点 #12 清点中',
    params: {},
    priority: 'normal',
    due_at: null,
    link: '/stocktakes?id=12&view=count',
    resource_type: 'stocktake',
    resource_id: 12,
    store_id: 1,
    department_code: 'produce',
    count: 1,
    ...over,
  }
}

function answer(items: InboxEntry[], extra: Record<string, unknown> = {}) {
  const body = { items, total: items.length, badges: {}, partial: false, unavailable: [], generated_at: new Date().toISOString(), ...extra }
  return jsonResponse(200, body)
}

async function mountList() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession({ id: 3, role: 'supervisor', display_name: '李主管' } as Me, 'csrf')
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { template: '<p />' } }] })
  await router.push('/')
  const wrapper = mount(TodayList, { props: { timezone: SH }, global: { plugins: [pinia, i18n, router] } })
  await flushPromises()
  return { wrapper, router }
}

beforeEach(() => {
  setLocale('zh-CN')
})

afterEach(() => {
  vi.useRealTimers()
})

describe('TodayList', () => {
  it('lists the entries in the server’s order with priority word, deadline and count, linking to the work', async () => {
    // 10:00 in Shanghai; the lots are due at 18:00 the same day.
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2025-03-05T02:00:00Z'))
    const later = '2025-03-05T10:00:00Z'
    fetchMock.mockResolvedValue(
      answer([
        entry({ kind: 'stocktake.approve', title: '盘点 #9 待审核', priority: 'high', link: '/stocktakes?id=9&view=variance', resource_id: 9 }),
        entry({ kind: 'inventory.lots_expiring', title: '3 个批次明天前到期', priority: 'normal', due_at: later, count: 3, resource_id: null, link: '/inventory?department_code=produce' }),
        entry({ kind: 'stocktake.start', title: '盘点 #14 未开始', priority: 'low', resource_id: 14 }),
      ]),
    )
    const { wrapper, router } = await mountList()
    const asked = new URL((fetchMock.mock.calls[0]![0] as Request).url)
    expect(asked.pathname + asked.search).toBe('/api/v1/me/today?lang=zh-CN')
    const cards = wrapper.findAll('[data-testid^="today-entry-"]')
    expect(cards.map((c) => c.attributes('data-priority'))).toEqual(['high', 'normal', 'low'])
    expect(cards[0]!.text()).toContain('紧急')
    expect(cards[0]!.text()).toContain('盘点 #9 待审核')
    expect(cards[1]!.text()).toContain('今天 18:00 截止')
    expect(cards[1]!.text()).toContain('3 项')
    expect(cards[2]!.text()).toContain('不急')
    expect(cards[0]!.attributes('href')).toBe('/stocktakes?id=9&view=variance')

    await cards[0]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/stocktakes?id=9&view=variance')
  })

  it('says when there is nothing to do', async () => {
    fetchMock.mockResolvedValue(answer([]))
    const { wrapper } = await mountList()
    expect(wrapper.get('[data-testid="today-empty"]').text()).toContain('今天没有待办')
  })

  it('shows a quiet notice when a module did not answer', async () => {
    fetchMock.mockResolvedValue(answer([entry({})], { partial: true, unavailable: ['inventory'] }))
    const { wrapper } = await mountList()
    expect(wrapper.get('[data-testid="today-partial"]').text()).toContain('inventory')
    expect(wrapper.findAll('[data-testid^="today-entry-"]')).toHaveLength(1)
  })

  it('offers a retry when the inbox cannot be loaded', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'internal', message: 'boom' } }), { status: 500 }))
    const { wrapper } = await mountList()
    expect(wrapper.find('[data-testid="load-error"]').exists()).toBe(true)
    fetchMock.mockResolvedValueOnce(answer([]))
    await wrapper.get('[data-testid="load-error"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="today-empty"]').exists()).toBe(true)
  })
})
