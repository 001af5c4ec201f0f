// Session state: the signed-in user and the CSRF token that cookie-authenticated
// writes must carry. The token lives in sessionStorage so a reload keeps it. A flag in
// localStorage (shared by the browser's tabs) says a session may exist: without it the app
// does not ask GET /me, so the sign-in page loads without a 401.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi, type Me } from '@/api/auth'
import { ApiError } from '@/api/http'
import type { Role } from '@/api/types'

export const CSRF_STORAGE_KEY = 'storeops.csrf'
export const SIGNED_IN_KEY = 'storeops.signedIn'

function readFlag(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_KEY) === '1'
  } catch {
    return true // no storage: ask the server
  }
}

function writeFlag(on: boolean): void {
  try {
    if (on) localStorage.setItem(SIGNED_IN_KEY, '1')
    else localStorage.removeItem(SIGNED_IN_KEY)
  } catch {
    // No storage available: every page load asks GET /me.
  }
}

function readToken(): string | null {
  try {
    return sessionStorage.getItem(CSRF_STORAGE_KEY)
  } catch {
    return null
  }
}

function writeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(CSRF_STORAGE_KEY, token)
    else sessionStorage.removeItem(CSRF_STORAGE_KEY)
  } catch {
    // No storage available: the token stays in memory for this page only.
  }
}

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const csrfToken = ref<string | null>(readToken())
  /** True once GET /me has been tried since the page loaded. */
  const checked = ref(false)

  const role = computed<Role | null>(() => me.value?.role ?? null)
  const isSignedIn = computed(() => me.value !== null)
  /** A store's staff (store manager, supervisor): they see their own store only. */
  const storeBound = computed(() => role.value === 'store_manager' || role.value === 'supervisor')
  /** Runs a store's set-up (schedules, equipment, task assignment): its manager, or an admin. */
  const managesStore = computed(() => role.value === 'store_manager' || role.value === 'admin')

  function setSession(user: Me, token: string): void {
    me.value = user
    csrfToken.value = token
    writeToken(token)
    writeFlag(true)
    checked.value = true
  }

  /** Forgets the user and token (after logout or any 401). */
  function clear(): void {
    me.value = null
    csrfToken.value = null
    writeToken(null)
    writeFlag(false)
    checked.value = true
  }

  async function login(username: string, password: string): Promise<Me> {
    const res = await authApi.login({ username, password })
    setSession(res.user, res.csrf_token)
    return res.user
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  /**
   * Loads the user once per page load. GET /me also answers the session's CSRF token, so a
   * new tab with a valid session cookie can write without signing in again. Nobody signed in
   * in this browser (no flag, no token): no request at all.
   */
  async function ensureLoaded(): Promise<Me | null> {
    if (checked.value) return me.value
    if (!readFlag() && !csrfToken.value) {
      checked.value = true
      return null
    }
    try {
      const user = await authApi.me(true)
      setSession(user, user.csrf_token)
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err
      clear()
    }
    checked.value = true
    return me.value
  }

  /** Re-reads /me after the user changed something about themselves. */
  async function refresh(): Promise<void> {
    me.value = await authApi.me()
  }

  return { me, csrfToken, checked, role, isSignedIn, storeBound, managesStore, setSession, clear, login, logout, ensureLoaded, refresh }
})
