// Phone-sized viewports (≤ 768 px) get the drawer menu, card lists and full-screen dialogs.
import { onBeforeUnmount, ref, type Ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 768px)'

export function useIsMobile(): Ref<boolean> {
  const query = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const isMobile = ref(query?.matches ?? false)
  const update = (event: MediaQueryListEvent) => {
    isMobile.value = event.matches
  }
  query?.addEventListener('change', update)
  onBeforeUnmount(() => query?.removeEventListener('change', update))
  return isMobile
}
