// One thing a tab reads from the API: the answer once it came, whether it is on its way, and
// what failed (for ErrorState's retry). An answer that a newer load overtook is dropped, so a
// quick change of filter never shows the older answer last.
import { ref, shallowRef, type Ref } from 'vue'

export function useLoad<T>(fetch: () => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let latest = 0

  function load(): Promise<void> {
    const mine = ++latest
    const current = () => mine === latest
    loading.value = true
    error.value = null
    return fetch()
      .then((answer) => void (current() && (data.value = answer)), (err: unknown) => void (current() && (error.value = err)))
      .finally(() => void (current() && (loading.value = false)))
  }

  return { data, loading, error, load }
}
