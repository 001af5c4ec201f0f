// Organisation: stores, departments and users.
import { http } from './http'
import type { Page, PageQuery, Role } from './types'

export interface Store {
  id: number
  code: string
  name: string
  region: string
  timezone: string
  active: boolean
  version: number
  created_at: string
  updated_at: string
}

export interface StoreQuery extends PageQuery {
  q?: string
  region?: string
}

export interface StoreCreate {
  code: string
  name: string
  region: string
  timezone: string
}

export interface StoreUpdate {
  name?: string
  region?: string
  timezone?: string
  active?: boolean
  version: number
}

export type DepartmentKind = 'fresh' | 'dry' | 'non_food'

export interface Department {
  code: string
  name: string
  name_en: string
  kind: DepartmentKind
}

export interface DepartmentCreate {
  code: string
  name: string
  name_en: string
  kind: DepartmentKind
}

export interface StoreDepartments {
  department_codes: string[]
}

export interface User {
  id: number
  username: string
  display_name: string
  role: Role
  store_id: number | null
  department_codes: string[]
  disabled: boolean
  version: number
  last_login_at: string | null
  created_at: string
  updated_at: string
}

export interface UserQuery extends PageQuery {
  q?: string
  role?: Role | ''
  store_id?: number | null
  disabled?: boolean | null
  sort?: string
}

export interface UserCreate {
  username: string
  display_name: string
  role: Role
  store_id?: number | null
  department_codes?: string[]
  password: string
}

export interface UserUpdate {
  display_name?: string
  role?: Role
  store_id?: number | null
  department_codes?: string[]
  disabled?: boolean
  version: number
}

export const storesApi = {
  list: (query: StoreQuery = {}) => http.get<Page<Store>>('/stores', { ...query }),
  get: (id: number) => http.get<Store>(`/stores/${id}`),
  create: (body: StoreCreate) => http.post<Store>('/stores', body),
  update: (id: number, body: StoreUpdate) => http.patch<Store>(`/stores/${id}`, body),
  departments: (id: number) => http.get<StoreDepartments>(`/stores/${id}/departments`),
  setDepartments: (id: number, codes: string[]) =>
    http.put<StoreDepartments>(`/stores/${id}/departments`, { department_codes: codes }),
}

export const departmentsApi = {
  list: (query: PageQuery = {}) => http.get<Page<Department>>('/departments', { ...query }),
  create: (body: DepartmentCreate) => http.post<Department>('/departments', body),
}

export const usersApi = {
  list: (query: UserQuery = {}) => http.get<Page<User>>('/users', { ...query }),
  get: (id: number) => http.get<User>(`/users/${id}`),
  create: (body: UserCreate) => http.post<User>('/users', body),
  update: (id: number, body: UserUpdate) => http.patch<User>(`/users/${id}`, body),
  resetPassword: (id: number, newPassword: string) =>
    http.post<void>(`/users/${id}/reset-password`, { new_password: newPassword }),
}
