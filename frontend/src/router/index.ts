import { createRouter, createWebHistory, type Router } from 'vue-router'
import { routes } from './routes'
import { decideNavigation } from './guard'
import { useSessionStore } from '@/stores/session'
import { messageLoader } from '@/i18n'
import { installMessageLoading } from '@/i18n/loader'

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach((to) => decideNavigation(to, () => useSessionStore().ensureLoaded()))
  installMessageLoading(router, messageLoader)
  return router
}
