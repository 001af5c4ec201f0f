// Keeps the navigation's badge counts current without asking on every render: on entering
// the signed-in layout, on navigation when the counts are over a minute old, on a change
// of language (the titles are worded by the server), and every few minutes while the tab
// is visible.
import { onBeforeUnmount, watch } from 'vue'
import { useRoute } from 'vue-router'
import { useI18n } from 'vue-i18n'
import type { Locale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { useTodayStore } from '@/stores/today'

export const NAVIGATION_MAX_AGE_MS = 60_000
export const POLL_INTERVAL_MS = 3 * 60_000

export function useTodayRefresh(): void {
  const today = useTodayStore()
  const session = useSessionStore()
  const route = useRoute()
  const { locale } = useI18n()

  function refresh(maxAgeMs: number): void {
    if (session.me) void today.load(session.me.id, locale.value as Locale, maxAgeMs)
  }

  watch(() => route.path, () => refresh(NAVIGATION_MAX_AGE_MS), { immediate: true })
  watch(locale, () => refresh(0))
  const timer = setInterval(() => {
    if (!document.hidden) refresh(POLL_INTERVAL_MS - 5_000)
  }, POLL_INTERVAL_MS)
  onBeforeUnmount(() => clearInterval(timer))
}
