// The Today inbox of the signed-in user, shared by the home page (the list) and the
// navigation (badge counts). Loaded when it is older than the caller allows, so
// navigating around or re-rendering does not call the server each time.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { todayApi, type TodayInbox } from '@/api/today'
import type { Locale } from '@/i18n'

export const useTodayStore = defineStore('today', () => {
  const inbox = ref<TodayInbox | null>(null)
  const error = ref<unknown>(null)
  const loading = ref(false)
  let loadedAt = 0
  let userId: number | null = null
  let lang: Locale | null = null
  let inflight: Promise<void> | null = null

  /**
   * Loads the inbox of `forUser` in `forLang` unless the one held is younger than
   * `maxAgeMs`. Another user drops what is held at once (no badge of the previous user);
   * another language keeps it on screen until the new wording arrives.
   */
  function load(forUser: number, forLang: Locale, maxAgeMs = 0): Promise<void> {
    if (forUser !== userId) reset()
    const same = forUser === userId && forLang === lang
    if (same && inflight) return inflight
    if (same && inbox.value && Date.now() - loadedAt < maxAgeMs) return Promise.resolve()
    userId = forUser
    lang = forLang
    loading.value = true
    const call = todayApi
      .get(forLang)
      .then((answer) => {
        if (call !== inflight) return // a newer load (other user or language) won
        inbox.value = answer
        error.value = null
        loadedAt = Date.now()
      })
      .catch((err: unknown) => {
        if (call === inflight) error.value = err
      })
      .finally(() => {
        if (call === inflight) {
          inflight = null
          loading.value = false
        }
      })
    inflight = call
    return call
  }

  /** Forgets everything (sign-out, another user). */
  function reset(): void {
    inbox.value = null
    error.value = null
    loading.value = false
    loadedAt = 0
    userId = null
    lang = null
    inflight = null
  }

  const badges = computed<Record<string, number>>(() => inbox.value?.badges ?? {})
  const badgeTotal = computed(() => Object.values(badges.value).reduce((sum, n) => sum + n, 0))

  return { inbox, error, loading, badges, badgeTotal, load, reset }
})
