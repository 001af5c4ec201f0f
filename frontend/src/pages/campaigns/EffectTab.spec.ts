// The effect tab against a faked API (the server's effect routes are built by another change):
// a supervisor sees the figures of their own store with its lines and writes the review with
// the version read; HQ sees every store's review and no review box; exports link to the files.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoMe, jsonResponse as json, stubFetch } from '@/testFixtures'
import type { Campaign, CampaignEffect, EffectFigures } from '@/api/campaigns'
import EffectTab from './EffectTab.vue'

// The chart is loaded lazily (defineAsyncComponent), which a stub by name does not reach: the
// real one would import ECharts after a quick test has torn its environment down.
vi.mock('./EffectChart.vue', () => ({ __esModule: true, default: { name: 'EffectChart', render: () => null } }))

const figures = (over: Partial<EffectFigures> = {}): EffectFigures => ({
  baseline_qty_per_day: '10.000', promo_qty_per_day: '15.000', baseline_sales_per_day: '30.00', promo_sales_per_day: '37.50',
  uplift_pct: '50.00', incremental_margin: '-4.20', days_out_of_stock: 1, ...over,
})
const review = (store_id: number, text: string, version: number) => ({ store_id, review: text, reviewed_by: null, reviewed_by_name: '', reviewed_at: null, version })

function effect(storeId: number | null, reviewText: string, version: number): CampaignEffect {
  const item = { sku: 'P10001', name: '草莓', regular_price: '3.00', promo_price: '2.50' }
  return {
    campaign_id: 7, starts_on: '2026-12-01', ends_on: '2026-12-07', measured_to: '2026-12-03', days: 3, baseline_from: '2026-11-03', baseline_to: '2026-11-30',
    total: figures(),
    stores: [
      { ...figures(), store_id: 1, store_code: 'sh-pudong', store_name: '浦东店', review: review(1, reviewText, version) },
      ...(storeId === null ? [{ ...figures({ uplift_pct: null }), store_id: 3, store_code: 'gz-tianhe', store_name: '天河店', review: review(3, '', 0) }] : []),
    ],
    items: [{ ...figures(), ...item }],
    lines: storeId === null ? [] : [{ ...figures(), store_id: 1, sku: item.sku, name: item.name }],
  }
}

const campaign = { id: 7, name: '双十二', status: 'published', allowed_actions: ['end'] } as unknown as Campaign
const fetchMock = stubFetch()
let saved: { review: string; version: number } | null

beforeEach(() => {
  setLocale('zh-CN')
  saved = null
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url)
    if (request.method === 'GET' && url.pathname === '/api/v1/campaigns/7/effect') {
      const storeId = url.searchParams.get('store_id')
      return json(200, effect(storeId ? Number(storeId) : null, saved?.review ?? '', saved ? 3 : 2))
    }
    if (request.method === 'PUT' && url.pathname === '/api/v1/campaigns/7/stores/1/review') {
      saved = await request.json()
      return json(200, review(1, saved!.review, 3))
    }
    return json(404, { error: { code: 'not_found', message: url.pathname } })
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

function mountAs(role: 'supervisor' | 'hq_promotions') {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession(demoMe(role === 'supervisor' ? {} : { role, store_id: null, department_codes: [] }), 'csrf')
  return mount(EffectTab, { props: { campaign }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
}

describe('EffectTab', () => {
  it("shows a supervisor their store's figures and lines and saves the review with the version read", async () => {
    const wrapper = mountAs('supervisor')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="effect-uplift"]').exists()).toBe(true))
    expect(new URL((fetchMock.mock.calls[0]![0] as Request).url).searchParams.get('store_id')).toBe('1')
    expect(wrapper.get('[data-testid="effect-uplift"]').text()).toBe('+50.00 %')
    expect(wrapper.get('[data-testid="effect-margin"]').text()).toBe('-4.20')
    expect(wrapper.get('[data-testid="effect-measured"]').text()).toContain('2026-12-01 至 2026-12-03 共 3 天')
    expect(wrapper.find('[data-testid="effect-lines-table"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="effect-store"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="effect-export-csv"]').attributes('href')).toBe('/api/v1/campaigns/7/effect/export?format=csv&lang=zh-CN')

    await wrapper.get('textarea[data-testid="effect-review-text"], [data-testid="effect-review-text"] textarea').setValue(' 堆头位置好 ')
    await wrapper.get('[data-testid="effect-review-save"]').trigger('click')
    await vi.waitFor(() => expect(saved).toEqual({ review: '堆头位置好', version: 2 }))
    await vi.waitFor(() => expect(wrapper.get('[data-testid="effect-stores-table"]').text()).toContain('堆头位置好'))
    wrapper.unmount()
  })

  it('shows HQ every store with its review or that none is written, and no review box', async () => {
    const wrapper = mountAs('hq_promotions')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="effect-stores-table"]').exists()).toBe(true))
    expect(new URL((fetchMock.mock.calls[0]![0] as Request).url).searchParams.has('store_id')).toBe(false)
    const table = wrapper.get('[data-testid="effect-stores-table"]').text()
    expect(table).toContain('gz-tianhe 天河店')
    expect(table).toContain('未填写')
    expect(wrapper.find('[data-testid="effect-review"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="effect-lines-table"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="effect-store"]').exists()).toBe(true)
    wrapper.unmount()
  })
})
