// Daily tasks (日常任务): a store's tasks generated from recurring templates and assigned ad hoc,
// completing one with a note and photos, the templates, and the load gatekeeper (tasks and
// minutes per department per day against its capacity). `allowed_actions` decides the buttons.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Task = Schema<'Task'>
export type TaskStatus = Schema<'TaskStatus'>
export type TaskCreate = Schema<'TaskCreateRequest'>
export type TaskTemplate = Schema<'TaskTemplate'>
export type TaskTemplateRequest = Schema<'TaskTemplateRequest'>
export type TaskLoad = Schema<'TaskLoad'>
export type TaskCapacity = Schema<'TaskCapacity'>
export const TASK_STATUSES = enumValues<TaskStatus>()('open', 'overdue', 'done')
export const RECURRENCES = enumValues<TaskTemplate['recurrence']>()('daily', 'weekly', 'monthly')

export type TaskQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/tasks'>>

const store = (storeId: number) => ({ params: { path: { store_id: storeId } } })

export const tasksApi = {
  list: (storeId: number, query: TaskQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/tasks', { params: { path: { store_id: storeId }, query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/tasks/{daily_task_id}', { params: { path: { daily_task_id: id } } })),
  create: (storeId: number, body: TaskCreate) => call(api.POST('/api/v1/stores/{store_id}/tasks', { ...store(storeId), body })),
  complete: (id: number, note: string, photos: number[]) =>
    call(api.POST('/api/v1/tasks/{daily_task_id}/complete', {
      params: { path: { daily_task_id: id } },
      body: photos.length ? { note, photos } : { note },
    })),
  templates: (storeId: number) => call(api.GET('/api/v1/task-templates', { params: { query: { store_id: storeId } } })),
  createTemplate: (body: TaskTemplateRequest) => call(api.POST('/api/v1/task-templates', { body })),
  updateTemplate: (id: number, body: TaskTemplateRequest) =>
    call(api.PATCH('/api/v1/task-templates/{template_id}', { params: { path: { template_id: id } }, body })),
  load: (storeId: number, from: string, to: string) =>
    call(api.GET('/api/v1/stores/{store_id}/task-load', { params: { path: { store_id: storeId }, query: { from, to } } })),
  setCapacity: (storeId: number, department: string, minutes: number, version?: number) =>
    call(api.PUT('/api/v1/stores/{store_id}/task-capacity/{department_code}', {
      params: { path: { store_id: storeId, department_code: department } },
      body: version ? { minutes_per_day: minutes, version } : { minutes_per_day: minutes },
    })),
}
