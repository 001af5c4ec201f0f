// Reference data many pages need (departments, and for admins the store list),
// loaded once per session and shared.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { departmentsApi, storesApi, type Department, type Store } from '@/api/org'
import { MAX_PAGE_SIZE } from '@/api/types'

export const useReferenceStore = defineStore('reference', () => {
  const departments = ref<Department[]>([])
  const stores = ref<Store[]>([])
  let departmentsLoad: Promise<void> | null = null
  let storesLoad: Promise<void> | null = null

  function loadDepartments(force = false): Promise<void> {
    if (!departmentsLoad || force) {
      departmentsLoad = departmentsApi
        .list({ page_size: MAX_PAGE_SIZE })
        .then((page) => {
          departments.value = page.items
        })
        .catch((err: unknown) => {
          departmentsLoad = null
          throw err
        })
    }
    return departmentsLoad
  }

  function loadStores(force = false): Promise<void> {
    if (!storesLoad || force) {
      storesLoad = storesApi
        .list({ page_size: MAX_PAGE_SIZE })
        .then((page) => {
          stores.value = page.items
        })
        .catch((err: unknown) => {
          storesLoad = null
          throw err
        })
    }
    return storesLoad
  }

  /** The department's name in the given language, or its code if unknown. */
  function departmentName(code: string, locale: string): string {
    const dept = departments.value.find((d) => d.code === code)
    if (!dept) return code
    return locale.startsWith('zh') ? dept.name : dept.name_en || dept.name
  }

  function storeName(id: number | null): string {
    if (id === null) return ''
    return stores.value.find((s) => s.id === id)?.name ?? `#${id}`
  }

  /** Forgets everything (on logout, so another user does not see stale lists). */
  function reset(): void {
    departments.value = []
    stores.value = []
    departmentsLoad = null
    storesLoad = null
  }

  return { departments, stores, loadDepartments, loadStores, departmentName, storeName, reset }
})
