// The departments a user may plan orders for in a store: the ones the store runs, and for a
// supervisor only their own. Reloaded when the store changes; empty until it is known.
import { ref, watch, type Ref } from 'vue'
import { storesApi } from '@/api/org'
import { useSessionStore } from '@/stores/session'
import { useApiError } from '@/composables/useApiError'

export function usePlanDepartments(storeId: Ref<number | null>): Ref<string[]> {
  const session = useSessionStore()
  const { notify } = useApiError()
  const codes = ref<string[]>([])

  watch(
    storeId,
    async (id) => {
      codes.value = []
      if (id === null) return
      try {
        const run = (await storesApi.departments(id)).department_codes
        const own = session.role === 'supervisor' ? (session.me?.department_codes ?? []) : null
        if (storeId.value === id) codes.value = run.filter((code) => !own || own.includes(code))
      } catch (err) {
        notify(err)
      }
    },
    { immediate: true },
  )
  return codes
}
