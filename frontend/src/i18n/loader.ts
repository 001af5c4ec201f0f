// Loads message modules (src/i18n/modules.ts) into vue-i18n on first use: each module once,
// both languages together, so a language switch later needs no loading at all.
import type { RouteLocationNormalized, Router } from 'vue-router'
import { LOCALES, type Locale } from './locales'
import { MESSAGE_MODULES, isMessageModule, type MessageModule } from './modules'

/** The part of vue-i18n's global composer the loader writes to. */
export interface MessageTarget {
  mergeLocaleMessage(locale: Locale, messages: Record<string, unknown>): void
}

export interface MessageLoader {
  /** Loads the named modules and the ones they use; resolves when all are merged. */
  load(names: readonly string[]): Promise<void>
  /** Whether a module's texts are merged already. */
  isLoaded(name: string): boolean
}

export function createMessageLoader(
  target: MessageTarget,
  modules: Readonly<Record<string, MessageModule>> = MESSAGE_MODULES,
): MessageLoader {
  const pending = new Map<string, Promise<void>>()
  const loaded = new Set<string>()

  function loadOne(name: string): Promise<void> {
    let promise = pending.get(name)
    if (!promise) {
      const module = modules[name]
      if (!module) return Promise.reject(new Error(`unknown message module ${name}`))
      promise = module.load().then(({ default: messages }) => {
        for (const locale of LOCALES) target.mergeLocaleMessage(locale, messages[locale])
        loaded.add(name)
      })
      // A failed download (offline, a new deployment) is tried again on the next navigation.
      promise.catch(() => pending.delete(name))
      pending.set(name, promise)
    }
    return promise
  }

  return {
    async load(names) {
      const wanted = new Set(names.flatMap((name) => [name, ...(modules[name]?.uses ?? [])]))
      await Promise.all([...wanted].map(loadOne))
    },
    isLoaded: (name) => loaded.has(name),
  }
}

/** The message modules a route needs: those named by its records' names or meta.navKey. */
export function routeMessageModules(to: Pick<RouteLocationNormalized, 'matched'>): string[] {
  const names = to.matched.flatMap((record) => [record.name, record.meta.navKey])
  return [...new Set(names.filter(isMessageModule))]
}

/**
 * Loads each route's texts before the route is shown. The download starts once the sign-in
 * and role guards have let the navigation through (guards run in order, and a redirect ends
 * the navigation before this one runs), so it overlaps the page's own chunk; beforeResolve
 * then waits for it, and a failure ends the navigation like a failed page chunk does.
 */
export function installMessageLoading(router: Router, loader: MessageLoader): void {
  router.beforeEach((to) => {
    loader.load(routeMessageModules(to)).catch(() => undefined)
  })
  router.beforeResolve((to) => loader.load(routeMessageModules(to)))
}
