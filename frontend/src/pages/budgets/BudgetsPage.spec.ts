import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import BudgetsPage from './BudgetsPage.vue'
import { i18n, setLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { demoBudget, demoMe, demoStore, jsonResponse as json, stubFetch } from '@/testFixtures'

const me = demoMe({ id: 2, username: 'manager1', display_name: '李店长', role: 'store_manager', store: demoStore(), department_codes: [] })

const budget = (code: string, version: number, sales: string | null) => demoBudget(code, version, { sales_target: sales })

const MONTH = { store_id: 1, month: '2026-11', items: [budget('produce', 2, '300000.00'), budget('meat', 1, '200000.00'), budget('seafood', 0, null)] }

const fetchMock = stubFetch()

/** Answers GETs of the month and departments; `put` answers the bulk save. */
function serve(put: (body: unknown) => Response) {
  fetchMock.mockImplementation(async (input) => {
    const request = input as Request
    const url = new URL(request.url)
    const path = url.pathname + url.search
    if (path.startsWith('/api/v1/departments')) return json(200, { items: [], page: 1, page_size: 500, total: 0 })
    if (request.method === 'PUT' && path === '/api/v1/stores/1/budgets/2026-11') return put(await request.json())
    if (path.startsWith('/api/v1/stores/1/budgets?month=2026-11')) return json(200, MONTH)
    return json(404, { error: { code: 'not_found', message: path } })
  })
}

async function mountPage() {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession(me, 'csrf')
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/budgets', component: BudgetsPage }] })
  await router.push('/budgets?month=2026-11')
  const wrapper = mount(BudgetsPage, { global: { plugins: [pinia, i18n, router] }, attachTo: document.body })
  await vi.waitFor(() => expect(wrapper.find('[data-testid="budget-input-meat-labour_budget"]').exists()).toBe(true))
  await flushPromises()
  return wrapper
}

async function type(wrapper: Awaited<ReturnType<typeof mountPage>>, code: string, field: string, value: string) {
  await wrapper.get(`input[data-testid="budget-input-${code}-${field}"]`).setValue(value)
}

beforeEach(() => {
  setLocale('zh-CN')
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('BudgetsPage', () => {
  it('saves only the changed departments in one bulk PUT', async () => {
    const sent: unknown[] = []
    serve((body) => {
      sent.push(body)
      return json(200, { ...MONTH, items: [budget('produce', 2, '300000.00'), budget('meat', 2, '200000.00'), budget('seafood', 1, '150000.00')] })
    })
    const wrapper = await mountPage()
    await type(wrapper, 'meat', 'labour_budget', '18,000')
    await type(wrapper, 'seafood', 'sales_target', '150000')
    expect(wrapper.get('[data-testid="budget-save"]').text()).toContain('(2)')
    await wrapper.get('[data-testid="budget-save"]').trigger('click')
    await flushPromises()
    expect(sent).toEqual([
      {
        items: [
          expect.objectContaining({ department_code: 'meat', version: 1, sales_target: '200000.00', labour_budget: '18000' }),
          expect.objectContaining({ department_code: 'seafood', version: 0, sales_target: '150000', labour_budget: null }),
        ],
      },
    ])
    expect(fetchMock.mock.calls.filter(([request]) => (request as Request).method === 'PUT')).toHaveLength(1)
    expect(wrapper.get('[data-testid="budget-save"]').text()).not.toContain('(')
    wrapper.unmount()
  })

  it('shows the server errors of items[i].field in the cells of the rows sent', async () => {
    serve(() =>
      json(400, {
        error: {
          code: 'validation_failed',
          message: 'invalid budgets',
          fields: { 'items[1].labour_budget': 'must not be greater than 10000000', 'items[0].sales_target': 'required with a margin target' },
        },
      }),
    )
    const wrapper = await mountPage()
    await type(wrapper, 'meat', 'repairs_budget', '100')
    await type(wrapper, 'seafood', 'labour_budget', '99999999')
    await wrapper.get('[data-testid="budget-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="budget-error-seafood-labour_budget"]').text()).toBe('must not be greater than 10000000')
    expect(wrapper.get('[data-testid="budget-error-meat-sales_target"]').text()).toBe('required with a margin target')
    expect(wrapper.find('[data-testid="budget-error-produce-sales_target"]').exists()).toBe(false)
    // Typing in the cell clears its error.
    await type(wrapper, 'seafood', 'labour_budget', '9999')
    expect(wrapper.find('[data-testid="budget-error-seafood-labour_budget"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('checks the amounts before sending anything', async () => {
    serve(() => json(500, {}))
    const wrapper = await mountPage()
    await type(wrapper, 'produce', 'materials_budget', '-5')
    await wrapper.get('[data-testid="budget-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="budget-error-produce-materials_budget"]').text()).toContain('不小于 0')
    expect(fetchMock.mock.calls.some(([request]) => (request as Request).method === 'PUT')).toBe(false)
    wrapper.unmount()
  })

  it('offers to reload when someone else saved first (409 stale_version)', async () => {
    serve(() => json(409, { error: { code: 'stale_version', message: 'stale version' } }))
    const wrapper = await mountPage()
    await type(wrapper, 'produce', 'sales_target', '310000')
    await wrapper.get('[data-testid="budget-save"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(document.body.textContent).toContain('预算已被修改'))
    const reload = [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.includes('重新加载'))
    expect(reload).toBeDefined()
    const gets = () => fetchMock.mock.calls.filter(([request]) => (request as Request).url.includes('/api/v1/stores/1/budgets?')).length
    const before = gets()
    reload!.click()
    await vi.waitFor(() => expect(gets()).toBe(before + 1))
    await flushPromises()
    expect((wrapper.get('input[data-testid="budget-input-produce-sales_target"]').element as HTMLInputElement).value).toBe('300000.00')
    wrapper.unmount()
  })
})
