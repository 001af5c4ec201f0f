// Authentication and the signed-in user (/auth/*, /me).
import { api, call } from './http'
import type { Schema } from './types'

/** The signed-in user as answered by GET /me and POST /auth/login, with the session's CSRF token. */
export type Me = Schema<'Me'>

export const authApi = {
  login: (body: Schema<'LoginRequest'>) => call(api.POST('/api/v1/auth/login', { body }), { notifyUnauthorized: false }),
  logout: () => call(api.POST('/api/v1/auth/logout')),
  /** `quiet` leaves a 401 to the caller: used at start-up to find out whether a session exists. */
  me: (quiet = false) => call(api.GET('/api/v1/me'), { notifyUnauthorized: !quiet }),
  changePassword: (body: Schema<'ChangePasswordRequest'>) => call(api.PUT('/api/v1/me/password', { body })),
}
