// Runs `load` now and then every `ms` while the page is visible (document.visibilityState):
// a hidden tab makes no calls, and coming back refreshes at once. Stops with the component.
import { onBeforeUnmount, onMounted } from 'vue'

export function usePolling(load: () => Promise<void>, ms: number): void {
  let timer: ReturnType<typeof setInterval> | null = null
  const visible = () => typeof document === 'undefined' || document.visibilityState === 'visible'

  function start(): void {
    stop()
    timer = setInterval(() => void (visible() && load()), ms)
  }
  function stop(): void {
    if (timer !== null) clearInterval(timer)
    timer = null
  }
  function onVisibility(): void {
    if (visible()) {
      void load()
      start()
    } else stop()
  }

  onMounted(() => {
    void load()
    start()
    document.addEventListener('visibilitychange', onVisibility)
  })
  onBeforeUnmount(() => {
    stop()
    document.removeEventListener('visibilitychange', onVisibility)
  })
}
