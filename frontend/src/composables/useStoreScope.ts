// Which store a per-store page shows. Admins (and HQ promotions and quality, where the page allows it) pick one;
// store managers and supervisors are fixed to their own store. The server enforces the
// same scope on every call. A page with a chain-wide view lets `chainRoles` pick "All stores"
// (`chain`, `?store=all`) too; `storeId` then stays the last store picked.
import { computed, ref } from 'vue'
import type { Role } from '@/api/types'
import { useSessionStore } from '@/stores/session'
import { useReferenceStore } from '@/stores/reference'

export interface StoreInfo {
  id: number
  name: string
  timezone: string
}

/** The picker's value, and the address's `?store=`, of "All stores". */
export const ALL_STORES = 'all'
export type StoreChoice = number | typeof ALL_STORES | null

export function useStoreScope(pickers: readonly Role[] = ['admin', 'hq_promotions', 'hq_quality'], chainRoles: readonly Role[] = []) {
  const session = useSessionStore()
  const reference = useReferenceStore()

  const canPick = computed(() => session.role !== null && pickers.includes(session.role))
  const storeId = ref<number | null>(canPick.value ? null : (session.me?.store_id ?? null))
  const canChain = computed(() => canPick.value && chainRoles.includes(session.role!))
  const chain = ref(false)
  /** What the picker shows: "All stores" or the store. */
  const choice = computed<StoreChoice>({
    get: () => (chain.value ? ALL_STORES : storeId.value),
    set: (value) => {
      chain.value = value === ALL_STORES && canChain.value
      if (typeof value === 'number') storeId.value = value
    },
  })

  const store = computed<StoreInfo | null>(() => {
    if (storeId.value === null) return null
    const own = session.me?.store
    if (own && own.id === storeId.value) return { id: own.id, name: own.name, timezone: own.timezone }
    const listed = reference.stores.find((s) => s.id === storeId.value)
    return listed ? { id: listed.id, name: listed.name, timezone: listed.timezone } : null
  })

  /** Loads the store list for those who pick and chooses `preferred` or the first store. */
  async function init(preferred: number | null = null): Promise<void> {
    if (!canPick.value) return
    await reference.loadStores()
    const ids = reference.stores.map((s) => s.id)
    if (preferred !== null && ids.includes(preferred)) storeId.value = preferred
    else if (storeId.value === null || !ids.includes(storeId.value)) storeId.value = ids[0] ?? null
  }

  /**
   * init() when a page mounts: the store named in the address (`?store=`) if it may be
   * picked, a failure shown through `onError` instead of thrown.
   */
  async function initFrom(storeParam: unknown, onError: (err: unknown) => void): Promise<void> {
    if (storeParam === ALL_STORES && canChain.value) chain.value = true
    try {
      await init(Number(storeParam) || null)
    } catch (err) {
      onError(err)
    }
  }

  return { canPick, storeId, store, canChain, chain, choice, init, initFrom }
}

export type StoreScope = ReturnType<typeof useStoreScope>
