// One thing a panel reads from the API: the answer once it came (or `initial` until then),
// whether it is on its way, and what failed (for ErrorState's retry). A failure stays until a
// read succeeds, so a polled panel does not flicker while the network is away; an answer (or
// failure) that a newer load overtook is dropped, so a quick change of filter never shows
// the older answer last.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface Loaded<T> {
  data: ShallowRef<T>
  loading: Ref<boolean>
  error: ShallowRef<unknown>
  load: () => Promise<void>
}

export function useLoad<T>(fetch: () => Promise<T>): Loaded<T | null>
export function useLoad<T>(fetch: () => Promise<T>, initial: T): Loaded<T>
export function useLoad<T>(fetch: () => Promise<T>, initial: T | null = null): Loaded<T | null> {
  const data = shallowRef(initial) as ShallowRef<T | null>
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0

  function load(): Promise<void> {
    const mine = ++latest
    const current = () => mine === latest
    loading.value = true
    return fetch()
      .then(
        (answer) => {
          if (current()) [data.value, error.value] = [answer, null]
        },
        (err: unknown) => void (current() && (error.value = err)),
      )
      .finally(() => void (current() && (loading.value = false)))
  }

  return { data, loading, error, load }
}
