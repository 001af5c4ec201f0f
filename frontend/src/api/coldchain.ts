// Cold chain and equipment (冷链与设备): the equipment register, temperature readings, the
// alerts an out-of-range reading opens (with `allowed_actions`), a piece of equipment's
// temperature chart and its maintenance and repair records.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Equipment = Schema<'Equipment'>
export type EquipmentKind = Schema<'EquipmentKind'>
export const EQUIPMENT_KINDS = enumValues<EquipmentKind>()('cold_room', 'freezer', 'display_chiller', 'oven', 'scale', 'other')
export type TemperatureAlert = Schema<'TemperatureAlert'>
export type TemperatureAlertStatus = Schema<'TemperatureAlertStatus'>
export type TemperatureChart = Schema<'TemperatureChart'>
export type TemperaturePoint = Schema<'TemperaturePoint'>
export type TemperatureLogResult = Schema<'TemperatureLogResult'>
export type EquipmentMaintenance = Schema<'EquipmentMaintenance'>
export type EquipmentMaintenanceRequest = Schema<'EquipmentMaintenanceRequest'>

const ofStore = (storeId: number) => ({ store_id: storeId })
const ofEquipment = (id: number) => ({ params: { path: { equipment_id: id } } })
const ofAlert = (id: number) => ({ params: { path: { alert_id: id } } })

export const coldchainApi = {
  equipment: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/equipment'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/equipment', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  one: (id: number) => call(api.GET('/api/v1/equipment/{equipment_id}', ofEquipment(id))),
  /** Registers a piece of equipment of the store (store manager, admin). */
  create: (storeId: number, body: Schema<'EquipmentRequest'>) =>
    call(api.POST('/api/v1/stores/{store_id}/equipment', { params: { path: { store_id: storeId } }, body })),
  update: (id: number, body: Schema<'EquipmentPatchRequest'>) => call(api.PATCH('/api/v1/equipment/{equipment_id}', { ...ofEquipment(id), body })),
  temperatures: (id: number, from: string, to: string) =>
    call(api.GET('/api/v1/equipment/{equipment_id}/temperatures', { params: { path: { equipment_id: id }, query: { from, to } } })),
  log: (storeId: number, equipmentId: number, recordedAt: string, celsius: string, note: string) =>
    call(api.POST('/api/v1/stores/{store_id}/temperature-logs', {
      params: { path: ofStore(storeId) },
      body: { readings: [{ equipment_id: equipmentId, recorded_at: recordedAt, celsius, note }] },
    })),
  alerts: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/temperature-alerts'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/temperature-alerts', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  acknowledge: (id: number, version: number) =>
    call(api.POST('/api/v1/temperature-alerts/{alert_id}/acknowledge', { ...ofAlert(id), body: { version } })),
  close: (id: number, version: number, note: string) =>
    call(api.POST('/api/v1/temperature-alerts/{alert_id}/close', { ...ofAlert(id), body: { version, note } })),
  maintenance: (id: number) => call(api.GET('/api/v1/equipment/{equipment_id}/maintenance', { ...ofEquipment(id) })),
  addMaintenance: (id: number, body: EquipmentMaintenanceRequest) =>
    call(api.POST('/api/v1/equipment/{equipment_id}/maintenance', { ...ofEquipment(id), body })),
}
