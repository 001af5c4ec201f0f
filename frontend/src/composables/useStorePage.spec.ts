import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import type { Store } from '@/api/org'
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { useReferenceStore } from '@/stores/reference'
import { demoMe, demoStore } from '@/testFixtures'
import { useStorePage } from './useStorePage'

/** Mounts a page using the composable at `address`, signed in as an admin or a store manager. */
async function setup(address: string, admin: boolean, chainRoles: readonly Role[] = []) {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore().setSession(admin ? demoMe({ role: 'admin', store_id: null }) : demoMe({ role: 'store_manager' }), 'csrf')
  const reference = useReferenceStore()
  const stores: Store[] = [demoStore(), { ...demoStore(), id: 2, code: 'SH02' }]
  const loadDepartments = vi.spyOn(reference, 'loadDepartments').mockResolvedValue()
  vi.spyOn(reference, 'loadStores').mockImplementation(async () => {
    reference.stores = stores
  })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/page', component: { render: () => null } }] })
  await router.push(address)
  const ready = vi.fn()
  let page!: ReturnType<typeof useStorePage>
  mount(
    defineComponent({
      setup() {
        page = useStorePage(ready, chainRoles)
        return () => null
      },
    }),
    { global: { plugins: [pinia, i18n, router] } },
  )
  await flushPromises()
  return { page, ready, loadDepartments }
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('useStorePage', () => {
  it('starts on the store named in the address and then calls ready', async () => {
    const { page, ready, loadDepartments } = await setup('/page?store=2', true)
    expect(page.scope.storeId.value).toBe(2)
    expect(ready).toHaveBeenCalledOnce()
    expect(loadDepartments).toHaveBeenCalledOnce()
    expect(page.withStore({ view: 'history' })).toEqual({ view: 'history', store: '2' })
  })

  it('keeps a fixed store out of the address', async () => {
    const { page, ready } = await setup('/page?store=2', false)
    expect(page.scope.storeId.value).toBe(1)
    expect(ready).toHaveBeenCalledOnce()
    expect(page.withStore({ month: '2026-11' })).toEqual({ month: '2026-11' })
  })

  it('opens "All stores" from the address for a chain role, and a store picked leaves it', async () => {
    const { page } = await setup('/page?store=all', true, ['admin', 'hq_promotions'])
    expect(page.scope.canChain.value).toBe(true)
    expect(page.scope.chain.value).toBe(true)
    expect(page.scope.choice.value).toBe('all')
    expect(page.scope.storeId.value).toBe(1)
    expect(page.withStore({ tab: 'report' })).toEqual({ tab: 'report', store: 'all' })
    page.scope.choice.value = 2
    expect(page.scope.chain.value).toBe(false)
    expect(page.scope.storeId.value).toBe(2)
    expect(page.withStore({})).toEqual({ store: '2' })
  })

  it('ignores "All stores" where the role has no chain view', async () => {
    const { page } = await setup('/page?store=all', true)
    expect(page.scope.canChain.value).toBe(false)
    expect(page.scope.chain.value).toBe(false)
    page.scope.choice.value = 'all'
    expect(page.scope.chain.value).toBe(false)
    expect(page.scope.storeId.value).toBe(1)
  })
})
