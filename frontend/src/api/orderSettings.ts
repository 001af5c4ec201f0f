// Each department's ordering rules (GET /order-settings, PUT /order-settings/{department_code}):
// delivery weekdays, service level and the warmest delivery accepted. Everyone reads, admins set.
import { api, call } from './http'
import type { Schema } from './types'

export type OrderSettings = Schema<'OrderSettings'>
export type OrderSettingsRequest = Schema<'OrderSettingsRequest'>

export const orderSettingsApi = {
  list: () => call(api.GET('/api/v1/order-settings')),
  put: (departmentCode: string, body: OrderSettingsRequest) =>
    call(api.PUT('/api/v1/order-settings/{department_code}', { params: { path: { department_code: departmentCode } }, body })),
}
