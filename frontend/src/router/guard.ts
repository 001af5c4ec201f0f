// Navigation guard: sign-in first, then the role check of `meta.roles`.
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { Me } from '@/api/auth'

export type LoadSession = () => Promise<Me | null>

/** Decides where a navigation goes: `true` to let it through, or a redirect. */
export async function decideNavigation(
  to: RouteLocationNormalized,
  loadSession: LoadSession,
): Promise<true | RouteLocationRaw> {
  let me: Me | null = null
  try {
    me = await loadSession()
  } catch {
    // The server cannot be reached: treat as signed out; the login page shows the error.
    me = null
  }
  if (to.name === 'login') {
    return me ? redirectTarget(to) : true
  }
  if (to.meta.public) return true
  if (!me) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  const roles = to.matched.flatMap((record) => (record.meta.roles ? [record.meta.roles] : []))
  if (roles.some((allowed) => !allowed.includes(me.role))) return { name: 'forbidden' }
  return true
}

/** Where to go after signing in: a same-site `?redirect=` path, else home. */
export function redirectTarget(to: Pick<RouteLocationNormalized, 'query'>): string {
  const raw = to.query.redirect
  const value = Array.isArray(raw) ? raw[0] : raw
  if (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//')) return value
  return '/'
}
