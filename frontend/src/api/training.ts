// Staff training (员工培训) and health certificates (健康证): a store's staff register, training
// sessions with attendance, overdue required trainings and certificates; and the inspection
// score report of the safety module (by store, department or area per week or month).
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type Schema } from './types'

export type Employee = Schema<'Employee'>
export type EmployeeRequest = Schema<'EmployeeRequest'>
export type TrainingTopic = Schema<'TrainingTopic'>
export type TrainingSession = Schema<'TrainingSession'>
export type TrainingSessionRequest = Schema<'TrainingSessionRequest'>
export type TrainingAttendance = Schema<'TrainingAttendance'>
export type AttendanceRequest = Schema<'AttendanceRequest'>
export type TrainingOverdue = Schema<'TrainingOverdue'>
export type HealthCertificate = Schema<'HealthCertificate'>
export type HealthCertificateRequest = Schema<'HealthCertificateRequest'>
export type InspectionScoreReport = Schema<'InspectionScoreReport'>
export type ScoreRow = InspectionScoreReport['rows'][number]
export const TRAINING_TOPICS = enumValues<TrainingTopic>()('food_safety', 'crowd_control_drill', 'fire_drill', 'equipment', 'other')

const store = (storeId: number) => ({ params: { path: { store_id: storeId } } })

export const trainingApi = {
  employees: (storeId: number, query: { active?: boolean; food_handler?: boolean; page_size?: number } = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/employees', { params: { path: { store_id: storeId }, query: compactQuery(query) } })),
  createEmployee: (storeId: number, body: EmployeeRequest) => call(api.POST('/api/v1/stores/{store_id}/employees', { ...store(storeId), body })),
  patchEmployee: (id: number, body: EmployeeRequest) =>
    call(api.PATCH('/api/v1/employees/{employee_id}', { params: { path: { employee_id: id } }, body })),
  sessions: (storeId: number, page = 1) =>
    call(api.GET('/api/v1/stores/{store_id}/training-sessions', { params: { path: { store_id: storeId }, query: { page } } })),
  createSession: (storeId: number, body: TrainingSessionRequest) =>
    call(api.POST('/api/v1/stores/{store_id}/training-sessions', { ...store(storeId), body })),
  session: (id: number) => call(api.GET('/api/v1/training-sessions/{session_id}', { params: { path: { session_id: id } } })),
  attendance: (id: number, body: AttendanceRequest) =>
    call(api.POST('/api/v1/training-sessions/{session_id}/attendance', { params: { path: { session_id: id } }, body })),
  overdue: (storeId: number) => call(api.GET('/api/v1/stores/{store_id}/training-overdue', store(storeId))),
  certificates: (storeId: number, expiringWithin?: number) =>
    call(api.GET('/api/v1/stores/{store_id}/health-certificates', {
      params: { path: { store_id: storeId }, query: expiringWithin === undefined ? { page_size: 200 } : { expiring_within: expiringWithin } },
    })),
  createCertificate: (storeId: number, body: HealthCertificateRequest) =>
    call(api.POST('/api/v1/stores/{store_id}/health-certificates', { ...store(storeId), body })),
  patchCertificate: (id: number, body: HealthCertificateRequest) =>
    call(api.PATCH('/api/v1/health-certificates/{certificate_id}', { params: { path: { certificate_id: id } }, body })),
}

export interface ScoreQuery {
  from: string
  to: string
  group_by: 'store' | 'department' | 'area'
  period: 'week' | 'month'
  store_id?: number
  department?: string
}

export const scoresApi = {
  report: (q: ScoreQuery) => call(api.GET('/api/v1/reports/inspection-scores', { params: { query: compactQuery({ ...q }) } })),
}

/** The score report as a file, in the reader's language. */
export function scoresExportUrl(q: ScoreQuery, format: 'csv' | 'xlsx', lang: string): string {
  return downloadUrl('/api/v1/reports/inspection-scores', { query: { ...compactQuery({ ...q }), format, lang: lang === 'en' ? 'en' : 'zh-CN' } })
}
