import { describe, expect, it } from 'vitest'
import { emptyItem, emptyMeeting, statusTag, toCreateRequest } from './meetingModel'

describe('meeting form', () => {
  it('starts today, chaired and attended by the caller when they are staff', () => {
    expect(emptyMeeting('2026-11-30', 4)).toMatchObject({ held_on: '2026-11-30', chair_id: 4, attendees: [4], items: [] })
    expect(emptyMeeting('2026-11-30', null)).toMatchObject({ chair_id: null, attendees: [] })
  })

  it('trims texts and leaves unset optional fields out', () => {
    const form = emptyMeeting('2026-11-30', 4)
    form.title = '  生鲜周例会 '
    form.notes = '   '
    form.attendees.push(7)
    form.items.push({ ...emptyItem('2026-12-02'), title: ' 下调订货 ', owner_id: 7 }, { ...emptyItem('2026-11-30'), title: '除霜', department_code: 'meat' })
    expect(toCreateRequest(form)).toEqual({
      held_on: '2026-11-30',
      kind: 'briefing',
      title: '生鲜周例会',
      chair_id: 4,
      attendees: [4, 7],
      items: [
        { title: '下调订货', due_on: '2026-12-02', owner_id: 7 },
        { title: '除霜', due_on: '2026-11-30', department_code: 'meat' },
      ],
    })
  })

  it('sends the department and notes when given, and no items when there are none', () => {
    const form = { ...emptyMeeting('2026-11-30', null), department_code: 'produce', notes: ' 损耗偏高 ', attendees: [3] }
    const body = toCreateRequest(form)
    expect(body).toMatchObject({ department_code: 'produce', notes: '损耗偏高' })
    expect(body).not.toHaveProperty('items')
    expect(body).not.toHaveProperty('chair_id')
  })

  it('colours task statuses', () => {
    expect(statusTag('done')).toBe('success')
    expect(statusTag('overdue')).toBe('danger')
    expect(statusTag('open')).toBe('warning')
    expect(statusTag(null)).toBe('info')
  })
})
