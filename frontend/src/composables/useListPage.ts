// The set-up of a chain-wide list page (products, users, stores, suppliers): whether the
// signed-in role may change things on it, its filters, the paged list fetched with them, the
// create/edit dialog's record, and the first load together with the reference data its filters
// and dialogs name. A failed reference load is shown and does not stop the list.
import { computed, onMounted, ref, type Ref } from 'vue'
import { canWrite } from '@/nav'
import type { Page } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { useReferenceStore } from '@/stores/reference'
import { usePagedList } from './usePagedList'
import { useDialogTarget } from './useDialogTarget'
import { useApiError } from './useApiError'

export interface ListPageOptions<T, F> {
  /** The page's key in the navigation (its write roles). */
  page: string
  emptyFilters: () => F
  fetch: (paging: { page: number; page_size: number }, filters: F) => Promise<Page<T>>
  /** The reference lists to load when the page opens. */
  references: readonly ('stores' | 'departments' | 'suppliers')[]
}

export function useListPage<T, F>(options: ListPageOptions<T, F>) {
  const { notify } = useApiError()
  const session = useSessionStore()
  const reference = useReferenceStore()

  const editable = computed(() => canWrite(options.page, session.role))
  const filters = ref(options.emptyFilters()) as Ref<F>
  const list = usePagedList<T>((paging) => options.fetch(paging, filters.value))
  const { open: formOpen, target: selected, show: openForm } = useDialogTarget<T>()

  onMounted(() => {
    void list.load()
    const loads = { stores: reference.loadStores, departments: reference.loadDepartments, suppliers: reference.loadSuppliers }
    for (const name of options.references) loads[name]().catch(notify)
  })

  return { editable, filters, list, formOpen, selected, openForm, notify, reference }
}
