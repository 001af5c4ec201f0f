// The set-up of a per-store page whose address names the store (`?store=`, so a link or a
// reload opens the same store): its store scope, started when the page mounts from the
// address together with the department names the page shows, and the `store` parameter
// to put back into the address. `ready` runs once the store is chosen (or could not be).
// `chainRoles` may pick "All stores" (`?store=all`) where the page has a chain-wide view.
import { onMounted } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useReferenceStore } from '@/stores/reference'
import { useApiError } from './useApiError'
import { ALL_STORES, useStoreScope } from './useStoreScope'
import type { Role } from '@/api/types'

export function useStorePage(ready?: () => void, chainRoles: readonly Role[] = []) {
  const route = useRoute()
  const router = useRouter()
  const { notify } = useApiError()
  const reference = useReferenceStore()
  const scope = useStoreScope(undefined, chainRoles)
  const { canPick, storeId, chain } = scope

  /** Adds the store to `query` for those who pick one (it is fixed for everyone else). */
  function withStore(query: Record<string, string>): Record<string, string> {
    if (canPick.value && chain.value) query.store = ALL_STORES
    else if (canPick.value && storeId.value !== null) query.store = String(storeId.value)
    return query
  }

  onMounted(async () => {
    reference.loadDepartments().catch(notify)
    await scope.initFrom(route.query.store, notify)
    ready?.()
  })

  return { route, router, scope, withStore }
}
