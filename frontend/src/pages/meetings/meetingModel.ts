// Pure pieces of the team meeting pages: the "new meeting" form, its request, and the tag
// colour of an action item's task status.
import type { MeetingCreate, MeetingItem, MeetingKind } from '@/api/meetings'

export interface ItemForm {
  title: string
  owner_id: number | null
  department_code: string
  due_on: string
}

export interface MeetingForm {
  held_on: string
  kind: MeetingKind
  title: string
  department_code: string
  chair_id: number | null
  attendees: number[]
  notes: string
  items: ItemForm[]
}

/** An empty action item due on `day`. */
export const emptyItem = (day: string): ItemForm => ({ title: '', owner_id: null, department_code: '', due_on: day })

/** An empty meeting held today, chaired (and attended) by `me` when they are one of the store's people. */
export function emptyMeeting(today: string, me: number | null): MeetingForm {
  return { held_on: today, kind: 'briefing', title: '', department_code: '', chair_id: me, attendees: me === null ? [] : [me], notes: '', items: [] }
}

/** The request of a filled form: texts trimmed, unset optional fields left out. */
export function toCreateRequest(form: MeetingForm): MeetingCreate {
  const body: MeetingCreate = { held_on: form.held_on, kind: form.kind, title: form.title.trim(), attendees: [...form.attendees] }
  if (form.department_code) body.department_code = form.department_code
  if (form.chair_id !== null) body.chair_id = form.chair_id
  if (form.notes.trim()) body.notes = form.notes.trim()
  if (form.items.length) {
    body.items = form.items.map((it) => ({
      title: it.title.trim(),
      due_on: it.due_on,
      ...(it.owner_id !== null ? { owner_id: it.owner_id } : {}),
      ...(it.department_code ? { department_code: it.department_code } : {}),
    }))
  }
  return body
}

/** The tag type of an action item's task status. */
export function statusTag(status: MeetingItem['task_status']): 'success' | 'warning' | 'danger' | 'info' {
  switch (status) {
    case 'done':
      return 'success'
    case 'overdue':
      return 'danger'
    case 'open':
      return 'warning'
    default:
      return 'info'
  }
}
