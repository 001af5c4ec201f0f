// The variance view's workflow buttons come from allowed_actions: a supervisor who is the
// store's deputy approver gets approve and reject because the server says so, and after
// approving the buttons follow the answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import VarianceView from './VarianceView.vue'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoMe, jsonResponse as json, stubFetch } from '@/testFixtures'
import type { StocktakeAction, StocktakeDetail, VariancePage } from '@/api/stocktakes'

const deputy = demoMe({ id: 4, username: 'super2', display_name: '赵主管', department_codes: ['meat'] })

function detail(status: StocktakeDetail['status'], allowed: StocktakeAction[]): StocktakeDetail {
  return {
    id: 9,
    store_id: 1,
    department_code: 'produce',
    scope: 'full',
    categories: [],
    zones: ['冷库'],
    blind: false,
    tolerance_pct: '5.00',
    tolerance_value: '50.00',
    note: '',
    status,
    reject_reason: '',
    item_count: 1,
    frozen_seq: 10,
    created_by: 3,
    started_at: '2026-11-20T02:00:00Z',
    submitted_at: '2026-11-20T05:00:00Z',
    approved_at: null,
    approved_by: null,
    book_value: '100.00',
    variance_abs_value: '0.00',
    accuracy: '1.0000',
    version: 3,
    created_at: '2026-11-20T01:00:00Z',
    updated_at: '2026-11-20T05:00:00Z',
    allowed_actions: allowed,
    summary: { items: 1, counted: 1, uncounted: 0, needs_recount: 0, uncounted_skus: [], needs_recount_skus: [], sheets: [] },
  }
}

const VARIANCE: VariancePage = {
  items: [
    {
      sku: 'P10001',
      name: '上海青',
      location: 'A01',
      book_qty: '5.000',
      counted_qty: '5.000',
      variance_qty: '0.000',
      variance_value: '0.00',
      over_tolerance: false,
      needs_recount: false,
      recounted: false,
      zero_confirmed: false,
    },
  ],
  page: 1,
  page_size: 100,
  total: 1,
  totals: { book_value: '100.00', variance_abs_value: '0.00', accuracy: '1.0000' },
}

let current: StocktakeDetail
const fetchMock = stubFetch()

beforeEach(() => {
  setLocale('zh-CN')
  current = detail('submitted', ['recount', 'assign_recounts', 'approve', 'reject', 'view_variance', 'print_sheet'])
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const path = new URL(request.url).pathname
    if (path === '/api/v1/stocktakes/9') return json(200, current)
    if (path === '/api/v1/stocktakes/9/variance') return json(200, VARIANCE)
    if (request.method === 'POST' && path === '/api/v1/stocktakes/9/approve') {
      current = { ...current, status: 'approved', allowed_actions: ['view_variance', 'print_sheet'] }
      const { summary: _summary, ...stocktake } = current
      return json(200, stocktake)
    }
    return json(404, { error: { code: 'not_found', message: path } })
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('VarianceView', () => {
  it("offers a deputy the server's approve and reject, then follows the answer", async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().setSession(deputy, 'csrf')
    const wrapper = mount(VarianceView, { props: { id: 9 }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
    await vi.waitFor(() => expect(wrapper.find('[data-testid="variance-approve"]').exists()).toBe(true))
    expect(wrapper.find('[data-testid="variance-reject"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="variance-submit"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="variance-confirm-zero"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="variance-assign-recount"]').exists()).toBe(true)

    await wrapper.get('[data-testid="variance-approve"]').trigger('click')
    await vi.waitFor(() => expect(document.querySelector('.el-message-box')).not.toBeNull())
    document.querySelector<HTMLButtonElement>('.el-message-box__btns .el-button--primary')!.click()
    await vi.waitFor(() => expect(wrapper.get('[data-testid="variance-status"]').text()).toBe('已审核'))
    await vi.waitFor(() => expect(wrapper.find('[data-testid="variance-approve"]').exists()).toBe(false))
    expect(wrapper.find('[data-testid="variance-reject"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="variance-assign-recount"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
