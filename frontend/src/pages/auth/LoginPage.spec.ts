import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import LoginPage from './LoginPage.vue'
import { i18n, setLocale, type Locale } from '@/i18n'
import { CSRF_STORAGE_KEY } from '@/stores/session'
import { jsonResponse as json, stubFetch } from '@/testFixtures'

const fetchMock = stubFetch()

async function mountLogin() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage },
      { path: '/stores', name: 'stores', component: { template: '<p>stores</p>' } },
      { path: '/', name: 'home', component: { template: '<p>home</p>' } },
    ],
  })
  await router.push('/login?redirect=/stores')
  const wrapper = mount(LoginPage, { global: { plugins: [createPinia(), i18n, router] }, attachTo: document.body })
  return { wrapper, router }
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'], password = 'wrong-password') {
  await wrapper.get('[data-testid="login-username"]').setValue('super1')
  await wrapper.get('[data-testid="login-password"]').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled())
  await flushPromises()
}

beforeEach(() => {
  sessionStorage.clear()
  setLocale('zh-CN')
})

describe('LoginPage', () => {
  // Each refused sign-in: the server's answer and what the page then says.
  it.each<[string, Locale, Response, string]>([
    [
      'shows a clear error for a wrong password',
      'zh-CN',
      json(401, { error: { code: 'invalid_credentials', message: 'invalid credentials' } }),
      '用户名或密码错误',
    ],
    [
      'tells how long to wait after too many attempts',
      'zh-CN',
      json(429, { error: { code: 'too_many_requests', message: 'slow down' } }, { 'Retry-After': '42' }),
      '42',
    ],
    [
      'speaks of minutes for long waits',
      'zh-CN',
      json(429, { error: { code: 'too_many_requests', message: 'slow down' } }, { 'Retry-After': '900' }),
      '15 分钟',
    ],
    [
      'asks to see the admin when the default password must be changed',
      'en',
      json(403, { error: { code: 'password_change_required', message: 'change it' } }),
      'Ask your admin to set your password',
    ],
  ])('%s', async (_name, locale, answer, expected) => {
    setLocale(locale)
    fetchMock.mockResolvedValue(answer)
    const { wrapper } = await mountLogin()
    await submit(wrapper)
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain(expected)
    wrapper.unmount()
  })

  it('signs in, keeps the CSRF token and goes to the redirect', async () => {
    const user = { id: 3, username: 'super1', display_name: 'S', role: 'supervisor', store_id: 1, store: null, department_codes: [] }
    fetchMock.mockResolvedValue(json(200, { token: 't', csrf_token: 'csrf-9', expires_at: '', user }))
    const { wrapper, router } = await mountLogin()
    await submit(wrapper, 'demo1234')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/stores'))
    expect(sessionStorage.getItem(CSRF_STORAGE_KEY)).toBe('csrf-9')
    expect(await (fetchMock.mock.calls[0]?.[0] as Request).json()).toEqual({ username: 'super1', password: 'demo1234' })
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
