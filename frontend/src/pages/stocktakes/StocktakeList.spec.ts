// The list shows a stocktake's buttons from its allowed_actions only (never from role and
// status), and after a step shows the stocktake as the server answered it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import StocktakeList from './StocktakeList.vue'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoMe, jsonResponse as json, stubFetch } from '@/testFixtures'
import type { Stocktake, StocktakeAction, StocktakeStatus } from '@/api/stocktakes'

const me = demoMe()

function stocktake(id: number, status: StocktakeStatus, allowed: StocktakeAction[]): Stocktake {
  return {
    id,
    store_id: 1,
    department_code: 'produce',
    scope: 'cycle',
    categories: ['菌菇'],
    zones: ['冷库'],
    blind: true,
    tolerance_pct: '5.00',
    tolerance_value: '50.00',
    note: '',
    status,
    reject_reason: '',
    item_count: 4,
    frozen_seq: null,
    created_by: 3,
    started_at: null,
    submitted_at: null,
    approved_at: null,
    approved_by: null,
    book_value: null,
    variance_abs_value: null,
    accuracy: null,
    version: 1,
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-20T02:00:00Z',
    allowed_actions: allowed,
  }
}

const ROWS = [
  stocktake(1, 'planned', ['start', 'print_sheet']),
  // Counting, but the server offers this user no counting: no count button whatever the status says.
  stocktake(2, 'counting', ['view_variance', 'print_sheet']),
  stocktake(3, 'submitted', ['recount', 'assign_recounts', 'view_variance', 'print_sheet']),
  stocktake(4, 'approved', []),
]

const fetchMock = stubFetch()

beforeEach(() => {
  setLocale('zh-CN')
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const path = new URL(request.url).pathname
    if (request.method === 'GET' && path === '/api/v1/stores/1/stocktakes') return json(200, { items: ROWS, page: 1, page_size: 20, total: 4 })
    if (request.method === 'POST' && path === '/api/v1/stocktakes/1/start') {
      return json(200, { ...ROWS[0], status: 'counting', allowed_actions: ['count', 'recount', 'confirm_zero', 'assign_recounts', 'submit', 'print_sheet'] })
    }
    if (path === '/api/v1/departments') return json(200, { items: [], page: 1, page_size: 500, total: 0 })
    return json(404, { error: { code: 'not_found', message: path } })
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

async function mountList() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession(me, 'csrf')
  const wrapper = mount(StocktakeList, { props: { storeId: 1 }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="stocktake-status-4"]').exists()).toBe(true))
  return wrapper
}

const has = (wrapper: Awaited<ReturnType<typeof mountList>>, testid: string) => wrapper.find(`[data-testid="${testid}"]`).exists()

describe('StocktakeList', () => {
  it('shows the buttons of allowed_actions and no others', async () => {
    const wrapper = await mountList()
    expect([has(wrapper, 'stocktake-start-1'), has(wrapper, 'stocktake-count-1'), has(wrapper, 'stocktake-sheet-1')]).toEqual([true, false, true])
    expect([has(wrapper, 'stocktake-count-2'), has(wrapper, 'stocktake-submit-2'), has(wrapper, 'stocktake-variance-2')]).toEqual([false, false, true])
    expect(wrapper.get('[data-testid="stocktake-count-3"]').text()).toBe('复盘')
    expect([has(wrapper, 'stocktake-variance-4'), has(wrapper, 'stocktake-sheet-4')]).toEqual([false, false])
    wrapper.unmount()
  })

  it('shows the stocktake as the step answered it, without reading the list again', async () => {
    const wrapper = await mountList()
    const sent = () => fetchMock.mock.calls.map(([request]) => `${(request as Request).method} ${new URL((request as Request).url).pathname}`)
    const before = sent().length
    await wrapper.get('[data-testid="stocktake-start-1"]').trigger('click')
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(wrapper.get('[data-testid="stocktake-status-1"]').text()).toBe('盘点中'))
    await flushPromises()
    expect(has(wrapper, 'stocktake-start-1')).toBe(false)
    expect(wrapper.get('[data-testid="stocktake-count-1"]').text()).toBe('去盘点')
    expect(has(wrapper, 'stocktake-submit-1')).toBe(true)
    expect(sent().slice(before)).toEqual(['POST /api/v1/stocktakes/1/start'])
    wrapper.unmount()
  })
})
