// Reference data many pages need (departments, the active suppliers, and for admins the store
// list), loaded once per session and shared.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { departmentsApi, storesApi, type Department, type Store } from '@/api/org'
import { suppliersApi, type Supplier } from '@/api/suppliers'
import { MAX_PAGE_SIZE } from '@/api/types'

/**
 * A load run once and shared by every caller until `force` runs it again (or `forget` is
 * called); one that failed is run again by the next caller instead of handing out the old
 * failure.
 */
export function cachedLoad(run: () => Promise<void>) {
  let pending: Promise<void> | null = null
  function load(force = false): Promise<void> {
    if (!pending || force) {
      pending = run().catch((err: unknown) => {
        pending = null
        throw err
      })
    }
    return pending
  }
  function forget(): void {
    pending = null
  }
  return { load, forget }
}

export const useReferenceStore = defineStore('reference', () => {
  const departments = ref<Department[]>([])
  const stores = ref<Store[]>([])
  /** The active suppliers: the ones a product may be given. */
  const suppliers = ref<Supplier[]>([])

  const departmentsLoad = cachedLoad(async () => {
    departments.value = (await departmentsApi.list({ page_size: MAX_PAGE_SIZE })).items
  })
  const storesLoad = cachedLoad(async () => {
    stores.value = (await storesApi.list({ page_size: MAX_PAGE_SIZE })).items
  })
  const suppliersLoad = cachedLoad(async () => {
    suppliers.value = (await suppliersApi.list({ page_size: MAX_PAGE_SIZE, active: true })).items
  })

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
    suppliers.value = []
    for (const cached of [departmentsLoad, storesLoad, suppliersLoad]) cached.forget()
  }

  return {
    departments,
    stores,
    suppliers,
    loadDepartments: departmentsLoad.load,
    loadStores: storesLoad.load,
    loadSuppliers: suppliersLoad.load,
    departmentName,
    storeName,
    reset,
  }
})
