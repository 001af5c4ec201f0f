// Receiving: every ordered line starts at its ordered quantity, refusals go with their reason,
// and an over-receipt the server refuses is sent again once the user ticks that it is right.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ReceiveDialog from './ReceiveDialog.vue'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoMe, jsonResponse as json, stubFetch } from '@/testFixtures'
import type { OrderLine, OrderPlan } from '@/api/ordering'

const PLAN = { id: 7, version: 3, status: 'approved', allowed_actions: ['receive', 'export'] } as unknown as OrderPlan

function line(sku: string, ordered: string): OrderLine {
  return { sku, name: sku === 'P10001' ? '上海青' : '菠菜', unit: 'kg', ordered_qty: ordered } as OrderLine
}

const fetchMock = stubFetch()
let sent: Record<string, unknown>[]

beforeEach(() => {
  setLocale('zh-CN')
  sent = []
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url)
    if (request.method === 'GET' && url.pathname === '/api/v1/order-plans/7/lines') {
      return json(200, { items: [line('P10001', '10.000'), line('P10002', '5.000'), line('P10003', '0.000')], page: 1, page_size: 500, total: 3 })
    }
    if (request.method === 'GET' && url.pathname === '/api/v1/order-settings') {
      return json(200, { items: [{ department_code: 'meat', delivery_weekdays: '0123456', service_level: '95.00', max_delivery_temp: '4.00', version: 1 }] })
    }
    if (request.method === 'POST' && url.pathname === '/api/v1/order-plans/7/receive') {
      const body = (await request.json()) as Record<string, unknown>
      sent.push(body)
      if (!body.confirm_over_receipt) {
        return json(422, { error: { code: 'over_receipt', message: 'lines[0].received_qty: more than 3 times' } })
      }
      return json(200, { ...PLAN, status: 'received', allowed_actions: ['export'] })
    }
    return json(404, { error: { code: 'not_found', message: url.pathname } })
  })
})

afterEach(() => {
  document.body.innerHTML = ''
})

const $ = <E extends Element>(selector: string) => document.querySelector<E>(selector)

function type(selector: string, value: string): void {
  const box = $<HTMLInputElement>(selector)!
  box.value = value
  box.dispatchEvent(new Event('input'))
}

describe('ReceiveDialog', () => {
  it('sends the ordered lines, a refusal with its reason, and confirms an over-receipt when asked', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().setSession(demoMe(), 'csrf')
    const wrapper = mount(ReceiveDialog, { props: { plan: PLAN, modelValue: true }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
    await vi.waitFor(() => expect($('input[data-testid="receive-qty-P10002"]')).not.toBeNull())
    // A line with nothing ordered is not delivered, so it is not listed.
    expect($('[data-testid="receive-line-P10003"]')).toBeNull()
    expect($<HTMLInputElement>('input[data-testid="receive-qty-P10001"]')!.value).toBe('10.000')

    type('input[data-testid="receive-qty-P10001"]', '40')
    $<HTMLInputElement>('[data-testid="receive-refuse-P10002"] input')!.click()
    await vi.waitFor(() => expect($('input[data-testid="receive-refused-P10002"]')).not.toBeNull())
    type('input[data-testid="receive-refused-P10002"]', '1')
    type('input[data-testid="receive-reason-P10002"]', '叶子发黄')
    type('input[data-testid="receive-temp"]', '4.5')
    $<HTMLButtonElement>('[data-testid="receive-save"]')!.click()

    await vi.waitFor(() => expect($('[data-testid="receive-confirm-over"]')).not.toBeNull())
    expect(sent[0]).toEqual({
      version: 3,
      delivery_temp: '4.5',
      lines: [
        { sku: 'P10001', received_qty: '40' },
        { sku: 'P10002', received_qty: '5.000', refused_qty: '1', refuse_reason: '叶子发黄' },
      ],
    })
    $<HTMLInputElement>('[data-testid="receive-confirm-over"] input')!.click()
    $<HTMLButtonElement>('[data-testid="receive-save"]')!.click()
    await vi.waitFor(() => expect(wrapper.emitted('received')).toHaveLength(1))
    expect(sent[1]).toMatchObject({ confirm_over_receipt: true, version: 3 })
    wrapper.unmount()
  })

  it('asks for the temperature where the department checks it, and says a warmer delivery can only be refused', async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().setSession(demoMe(), 'csrf')
    const meat = { ...PLAN, department_code: 'meat' } as OrderPlan
    const wrapper = mount(ReceiveDialog, { props: { plan: meat, modelValue: true }, global: { plugins: [pinia, i18n] }, attachTo: document.body })
    await vi.waitFor(() => expect($('[data-testid="receive-temp-limit"]')?.textContent).toContain('4.00'))
    $<HTMLButtonElement>('[data-testid="receive-save"]')!.click()
    await vi.waitFor(() => expect(document.body.textContent).toContain('请填写到货温度'))
    expect(sent).toHaveLength(0)
    type('input[data-testid="receive-temp"]', '6.5')
    await vi.waitFor(() => expect($('[data-testid="receive-too-warm"]')).not.toBeNull())
    type('input[data-testid="receive-temp"]', '3.5')
    await vi.waitFor(() => expect($('[data-testid="receive-too-warm"]')).toBeNull())
    wrapper.unmount()
  })
})
