// Organisation: stores, departments and users.
import { api, call } from './http'
import { compactQuery, type FilterQuery, type PageQuery, type QueryOf, type Schema } from './types'

export type Store = Schema<'Store'>
export type StoreQuery = QueryOf<'/api/v1/stores'>
export type StoreCreate = Schema<'CreateStoreRequest'>
export type StoreUpdate = Schema<'UpdateStoreRequest'>
export type StoreDepartments = Schema<'DepartmentCodes'>

export type DepartmentKind = Schema<'DepartmentKind'>
export type Department = Schema<'Department'>
export type DepartmentCreate = Schema<'CreateDepartmentRequest'>

export type User = Schema<'User'>
export type UserQuery = FilterQuery<QueryOf<'/api/v1/users'>>
export type UserCreate = Schema<'CreateUserRequest'>
export type UserUpdate = Schema<'UpdateUserRequest'>

const store = (id: number) => ({ params: { path: { store_id: id } } })
const user = (id: number) => ({ params: { path: { user_id: id } } })

export const storesApi = {
  list: (query: StoreQuery = {}) => call(api.GET('/api/v1/stores', { params: { query } })),
  get: (id: number) => call(api.GET('/api/v1/stores/{store_id}', store(id))),
  create: (body: StoreCreate) => call(api.POST('/api/v1/stores', { body })),
  update: (id: number, body: StoreUpdate) => call(api.PATCH('/api/v1/stores/{store_id}', { ...store(id), body })),
  departments: (id: number) => call(api.GET('/api/v1/stores/{store_id}/departments', store(id))),
  setDepartments: (id: number, codes: string[]) =>
    call(api.PUT('/api/v1/stores/{store_id}/departments', { ...store(id), body: { department_codes: codes } })),
}

export const departmentsApi = {
  list: (query: PageQuery = {}) => call(api.GET('/api/v1/departments', { params: { query } })),
  create: (body: DepartmentCreate) => call(api.POST('/api/v1/departments', { body })),
}

export const usersApi = {
  list: (query: UserQuery = {}) => call(api.GET('/api/v1/users', { params: { query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/users/{user_id}', user(id))),
  create: (body: UserCreate) => call(api.POST('/api/v1/users', { body })),
  update: (id: number, body: UserUpdate) => call(api.PATCH('/api/v1/users/{user_id}', { ...user(id), body })),
  resetPassword: (id: number, newPassword: string) =>
    call(api.POST('/api/v1/users/{user_id}/reset-password', { ...user(id), body: { new_password: newPassword } })),
}
