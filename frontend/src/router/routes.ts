// Route table: public pages, the signed-in layout with one child per nav item,
// and the error pages. `meta.roles` limits who may open a route.
import type { RouteRecordRaw } from 'vue-router'
import { NAV_ITEMS } from '@/nav'
import { ROLES } from '@/api/types'

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/pages/auth/LoginPage.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      ...NAV_ITEMS.flatMap((item): RouteRecordRaw[] => [
        { path: item.path, name: item.key, component: item.component, meta: { roles: item.roles, navKey: item.key } },
        ...(item.subpages ?? []).map((sub) => ({
          path: `${item.path}/${sub.path}`,
          name: sub.name,
          component: sub.component,
          meta: { roles: item.roles, navKey: item.key },
        })),
      ]),
      {
        path: '/forbidden',
        name: 'forbidden',
        component: () => import('@/pages/errors/ForbiddenPage.vue'),
        meta: { roles: ROLES },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/errors/NotFoundPage.vue'),
    meta: { public: true },
  },
]
