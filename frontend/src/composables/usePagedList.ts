// State for one paged table: page, page size, total, rows and loading/error flags.
import { ref, shallowRef, type Ref } from 'vue'
import type { Page } from '@/api/types'

export interface PagedList<T> {
  items: Ref<T[]>
  total: Ref<number>
  page: Ref<number>
  pageSize: Ref<number>
  loading: Ref<boolean>
  error: Ref<unknown>
  /** Loads the current page. */
  load: () => Promise<void>
  /** Goes back to page 1 and loads (after a filter change). */
  search: () => Promise<void>
}

export function usePagedList<T>(
  fetchPage: (paging: { page: number; page_size: number }) => Promise<Page<T>>,
  initialPageSize = 20,
): PagedList<T> {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(initialPageSize)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let sequence = 0

  async function load(): Promise<void> {
    const mine = ++sequence
    loading.value = true
    error.value = null
    try {
      const result = await fetchPage({ page: page.value, page_size: pageSize.value })
      if (mine !== sequence) return
      items.value = result.items
      total.value = result.total
    } catch (err) {
      if (mine === sequence) error.value = err
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  async function search(): Promise<void> {
    page.value = 1
    await load()
  }

  return { items, total, page, pageSize, loading, error, load, search }
}
