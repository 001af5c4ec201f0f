import 'vue-router'
import type { Role } from '@/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean
    /** Roles that may open the route; absent means every signed-in user. */
    roles?: readonly Role[]
    /** The nav entry that is highlighted on this route. */
    navKey?: string
  }
}
