// Authentication and the signed-in user (/auth/*, /me).
import { http } from './http'
import type { Role } from './types'

export interface StoreSummary {
  id: number
  code: string
  name: string
  region: string
  timezone: string
}

/** The signed-in user as answered by GET /me and POST /auth/login. */
export interface Me {
  id: number
  username: string
  display_name: string
  role: Role
  store_id: number | null
  store: StoreSummary | null
  department_codes: string[]
  /** The session's CSRF token for cookie-authenticated writes. */
  csrf_token: string
}

export interface LoginRequest {
  username: string
  password: string
}

export interface LoginResponse {
  token: string
  csrf_token: string
  expires_at: string
  user: Me
}

export interface ChangePasswordRequest {
  current_password: string
  new_password: string
}

export const authApi = {
  login: (body: LoginRequest) => http.post<LoginResponse>('/auth/login', body, { notifyUnauthorized: false }),
  logout: () => http.post<void>('/auth/logout'),
  /** `quiet` leaves a 401 to the caller: used at start-up to find out whether a session exists. */
  me: (quiet = false) => http.get<Me>('/me', undefined, { notifyUnauthorized: !quiet }),
  changePassword: (body: ChangePasswordRequest) => http.put<void>('/me/password', body),
}
