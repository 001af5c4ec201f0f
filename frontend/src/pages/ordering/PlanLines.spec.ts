// The plan's lines: a quantity box only while the plan allows editing, a step of one case
// pack saves the line with its version, a change the server wants a reason for asks for one
// and sends again with it, and a line someone else changed is loaded again.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import PlanLines from './PlanLines.vue'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoMe, jsonResponse as json, stubFetch } from '@/testFixtures'
import type { OrderLine, OrderPlan, OrderPlanAction } from '@/api/ordering'

function plan(allowed: OrderPlanAction[]): OrderPlan {
  return {
    id: 7,
    store_id: 1,
    department_code: 'produce',
    business_date: '2026-11-30',
    delivery_date: '2026-12-01',
    next_delivery_date: '2026-12-02',
    status: 'draft',
    reject_reason: '',
    service_level: '95.00',
    line_count: 1,
    ordered_lines: 1,
    order_value: '72.00',
    exception_count: 1,
    delivery_temp: null,
    receive_note: '',
    created_by: 3,
    submitted_at: null,
    submitted_by: null,
    approved_at: null,
    approved_by: null,
    received_at: null,
    received_by: null,
    version: 1,
    created_at: '2026-11-30T02:00:00Z',
    updated_at: '2026-11-30T02:00:00Z',
    suppliers: [],
    claims: [],
    allowed_actions: allowed,
  }
}

const LINE: OrderLine = {
  sku: 'P10001',
  name: '上海青',
  unit: 'each',
  supplier_code: 'veg',
  supplier_name: '江桥蔬菜',
  case_pack: '6.000',
  min_order_qty: '6.000',
  unit_cost: '3.00',
  forecast_qty: '20.000',
  suggested_qty: '12.000',
  ordered_qty: '12.000',
  deviation_reason: '',
  flags: ['stockout_risk'],
  on_hand: '2.000',
  on_order: '0.000',
  last_week_qty: '12.000',
  days_of_cover: '1.5',
  received_qty: null,
  refused_qty: '0.000',
  refuse_reason: '',
  lot_expiry: null,
  version: 4,
}

const fetchMock = stubFetch()
let patches: Record<string, unknown>[]
let patchAnswer: (body: Record<string, unknown>) => Response

beforeEach(() => {
  setLocale('zh-CN')
  patches = []
  patchAnswer = (body) => json(200, { ...LINE, ordered_qty: body.ordered_qty, version: 5 })
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url)
    if (request.method === 'GET' && url.pathname === '/api/v1/order-plans/7/lines') return json(200, { items: [LINE], page: 1, page_size: 100, total: 1 })
    if (request.method === 'GET' && url.pathname === '/api/v1/order-plans/7/lines/P10001') {
      return json(200, { ...LINE, ordered_qty: '30.000', version: 9, explanation: {}, history: [] })
    }
    if (request.method === 'PATCH' && url.pathname === '/api/v1/order-plans/7/lines/P10001') {
      const body = (await request.json()) as Record<string, unknown>
      patches.push(body)
      return patchAnswer(body)
    }
    return json(404, { error: { code: 'not_found', message: url.pathname } })
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

async function mountLines(allowed: OrderPlanAction[]) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession(demoMe(), 'csrf')
  const wrapper = mount(PlanLines, { props: { plan: plan(allowed) }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="line-why-P10001"]').exists()).toBe(true))
  return wrapper
}

const qtyBox = () => document.querySelector<HTMLInputElement>('input[data-testid="line-qty-P10001"]')!

describe('PlanLines', () => {
  it('asks for the exceptions only when the plan has any, and offers no box without edit_lines', async () => {
    const wrapper = await mountLines(['submit'])
    const first = new URL((fetchMock.mock.calls[0]![0] as Request).url)
    expect(first.searchParams.get('exceptions_only')).toBe('true')
    expect(first.searchParams.get('page_size')).toBe('100')
    expect(wrapper.find('[data-testid="line-qty-P10001"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="line-ordered-P10001"]').text()).toBe('12')
    wrapper.unmount()
  })

  it('steps by one case pack and saves the line with its version', async () => {
    const wrapper = await mountLines(['edit_lines'])
    await wrapper.get('[data-testid="line-qty-P10001-plus"]').trigger('click')
    await flushPromises()
    expect(patches).toEqual([{ ordered_qty: '18.000', version: 4 }])
    expect(wrapper.emitted('changed')).toHaveLength(1)
    wrapper.unmount()
  })

  it('asks for a reason when the server wants one and sends the change again with it', async () => {
    patchAnswer = (body) =>
      body.deviation_reason
        ? json(200, { ...LINE, ordered_qty: body.ordered_qty, deviation_reason: body.deviation_reason, version: 5 })
        : json(422, { error: { code: 'deviation_reason_required', message: 'more than 30 %' } })
    const wrapper = await mountLines(['edit_lines'])
    qtyBox().value = '18'
    qtyBox().dispatchEvent(new Event('input'))
    qtyBox().dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(document.querySelector('[data-testid="deviation-dialog"]')).not.toBeNull())
    expect(document.querySelector('[data-testid="deviation-dialog"]')!.textContent).toContain('+50%')
    const reason = document.querySelector<HTMLTextAreaElement>('textarea[data-testid="deviation-reason"]')!
    reason.value = '周末促销'
    reason.dispatchEvent(new Event('input'))
    document.querySelector<HTMLButtonElement>('[data-testid="deviation-save"]')!.click()
    await vi.waitFor(() => expect(patches).toHaveLength(2))
    expect(patches).toEqual([
      { ordered_qty: '18.000', version: 4 },
      { ordered_qty: '18.000', deviation_reason: '周末促销', version: 4 },
    ])
    await vi.waitFor(() => expect(wrapper.emitted('changed')).toHaveLength(1))
    wrapper.unmount()
  })

  it('loads a line again that someone else changed meanwhile', async () => {
    patchAnswer = () => json(409, { error: { code: 'stale_version', message: 'stale' } })
    const wrapper = await mountLines(['edit_lines'])
    await wrapper.get('[data-testid="line-qty-P10001-minus"]').trigger('click')
    await vi.waitFor(() => expect(qtyBox().value).toBe('30'))
    expect(patches).toEqual([{ ordered_qty: '6.000', version: 4 }])
    wrapper.unmount()
  })
})
