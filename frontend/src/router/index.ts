import { createRouter, createWebHistory, type Router } from 'vue-router'
import { routes } from './routes'
import { decideNavigation } from './guard'
import { useSessionStore } from '@/stores/session'

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach((to) => decideNavigation(to, () => useSessionStore().ensureLoaded()))
  return router
}
