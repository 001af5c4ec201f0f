import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent } from 'vue'
import { i18n } from '@/i18n'
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { useReferenceStore } from '@/stores/reference'
import { demoMe } from '@/testFixtures'
import { useListPage, type ListPageOptions } from './useListPage'

type Row = { id: number }
type Filters = { q: string }

/** Mounts a page using the composable, signed in as `role`. */
async function setup(role: Role, overrides: Partial<ListPageOptions<Row, Filters>> = {}) {
  useSessionStore().setSession(demoMe({ role }), 'csrf')
  const reference = useReferenceStore()
  const loadStores = vi.spyOn(reference, 'loadStores').mockResolvedValue()
  const loadDepartments = vi.spyOn(reference, 'loadDepartments').mockResolvedValue()
  const fetch = vi.fn(async (paging: { page: number; page_size: number }) => ({
    items: [{ id: 1 }],
    page: paging.page,
    page_size: paging.page_size,
    total: 1,
  }))
  let page!: ReturnType<typeof useListPage<Row, Filters>>
  mount(
    defineComponent({
      setup() {
        page = useListPage<Row, Filters>({ page: 'users', emptyFilters: () => ({ q: '' }), fetch, references: ['departments'], ...overrides })
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  await flushPromises()
  return { page, fetch, loadStores, loadDepartments }
}

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('useListPage', () => {
  it('loads the first page and the reference lists asked for when mounted', async () => {
    const { page, fetch, loadStores, loadDepartments } = await setup('admin')
    expect(fetch).toHaveBeenCalledWith({ page: 1, page_size: 20 }, { q: '' })
    expect(page.list.items.value).toEqual([{ id: 1 }])
    expect(loadDepartments).toHaveBeenCalledOnce()
    expect(loadStores).not.toHaveBeenCalled()
  })

  it('fetches with the current filters', async () => {
    const { page, fetch } = await setup('admin', { references: [] })
    page.filters.value.q = 'apple'
    await page.list.search()
    expect(fetch).toHaveBeenLastCalledWith({ page: 1, page_size: 20 }, { q: 'apple' })
  })

  it("is editable for the page's write roles only", async () => {
    expect((await setup('admin')).page.editable.value).toBe(true)
    expect((await setup('store_manager')).page.editable.value).toBe(false)
  })

  it('opens the form on a record or empty', async () => {
    const { page } = await setup('admin')
    page.openForm({ id: 7 })
    expect(page.formOpen.value).toBe(true)
    expect(page.selected.value).toEqual({ id: 7 })
    page.openForm(null)
    expect(page.selected.value).toBeNull()
  })
})
