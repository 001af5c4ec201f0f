// Small rules of the cold chain screens, kept out of the components so they are tested alone.
import type { Equipment, EquipmentKind } from '@/api/coldchain'
import type { Schema } from '@/api/types'

type EquipmentRequest = Schema<'EquipmentRequest'>
type EquipmentPatchRequest = Schema<'EquipmentPatchRequest'>

/** An allowed range as text: "0.00–4.00 °C", "≤ -18.00 °C", "≥ 60.00 °C", or null for none. */
export function rangeText(lo: string | null, hi: string | null): string | null {
  if (lo !== null && hi !== null) return `${lo}–${hi} °C`
  if (hi !== null) return `≤ ${hi} °C`
  if (lo !== null) return `≥ ${lo} °C`
  return null
}

/** The chart's window: `days` back from `now`, as RFC 3339 times. */
export function chartWindow(now: Date, days: number): { from: string; to: string } {
  const to = new Date(Math.ceil(now.getTime() / 60000) * 60000 + 60000)
  const from = new Date(to.getTime() - days * 86400000)
  return { from: from.toISOString().replace(/\.\d{3}Z$/, 'Z'), to: to.toISOString().replace(/\.\d{3}Z$/, 'Z') }
}

/** A reading typed by hand: a decimal with at most two places, else null. */
export function parseCelsius(text: string): string | null {
  const s = text.trim().replace('−', '-')
  return /^-?\d{1,3}(\.\d{1,2})?$/.test(s) ? s : null
}

/** The equipment form: ranges and dates as typed (empty for none). */
export interface EquipmentForm {
  kind: EquipmentKind
  name: string
  department_code: string
  location: string
  min: string
  max: string
  interval: number
  next_due: string
  active: boolean
}

/** A kind's usual allowed range, offered when a new piece is registered (cold room 0–4 °C, freezer ≤ −18 °C). */
export const KIND_RANGES: Partial<Record<EquipmentKind, { min: string; max: string }>> = {
  cold_room: { min: '0', max: '4' },
  display_chiller: { min: '0', max: '5' },
  freezer: { min: '', max: '-18' },
}

export function equipmentForm(e?: Equipment | null): EquipmentForm {
  if (!e) return { kind: 'cold_room', name: '', department_code: '', location: '', min: '0', max: '4', interval: 90, next_due: '', active: true }
  return {
    kind: e.kind,
    name: e.name,
    department_code: e.department_code,
    location: e.location,
    min: e.min_celsius ?? '',
    max: e.max_celsius ?? '',
    interval: e.maintenance_interval_days,
    next_due: e.next_maintenance_due ?? '',
    active: e.active,
  }
}

/** The create request: only the fields set. */
export function createEquipment(f: EquipmentForm): EquipmentRequest {
  const out: EquipmentRequest = { kind: f.kind, name: f.name.trim(), department_code: f.department_code, location: f.location.trim(), maintenance_interval_days: f.interval }
  if (f.min.trim()) out.min_celsius = f.min.trim()
  if (f.max.trim()) out.max_celsius = f.max.trim()
  if (f.next_due) out.next_maintenance_due = f.next_due
  return out
}

/** The patch of an edit: what differs from e, a bound emptied as clear_min/clear_max, and the version read. */
export function patchEquipment(e: Equipment, f: EquipmentForm): EquipmentPatchRequest {
  const out: EquipmentPatchRequest = { version: e.version }
  if (f.kind !== e.kind) out.kind = f.kind
  if (f.name.trim() !== e.name) out.name = f.name.trim()
  if (f.department_code !== e.department_code) out.department_code = f.department_code
  if (f.location.trim() !== e.location) out.location = f.location.trim()
  const bound = (typed: string, was: string | null, set: (v: string) => void, clear: () => void) => {
    const v = typed.trim()
    if (!v && was !== null) clear()
    else if (v && (was === null || Number(v) !== Number(was))) set(v)
  }
  bound(f.min, e.min_celsius, (v) => (out.min_celsius = v), () => (out.clear_min = true))
  bound(f.max, e.max_celsius, (v) => (out.max_celsius = v), () => (out.clear_max = true))
  if (f.interval !== e.maintenance_interval_days) out.maintenance_interval_days = f.interval
  if (f.next_due && f.next_due !== e.next_maintenance_due) out.next_maintenance_due = f.next_due
  if (f.active !== e.active) out.active = f.active
  return out
}
