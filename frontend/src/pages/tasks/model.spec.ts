import { describe, expect, it } from 'vitest'
import type { TaskLoad } from '@/api/tasks'
import { dueAt, emptyTemplateForm, linkedTaskId, loadChartOption, overDays, templateRequest } from './model'

const load: TaskLoad = {
  from: '2026-11-02',
  to: '2026-11-03',
  over_days: 1,
  capacities: [
    { department_code: 'produce', minutes_per_day: 120, is_default: false, version: 1 },
    { department_code: 'meat', minutes_per_day: 120, is_default: true, version: 0 },
  ],
  days: [
    { business_date: '2026-11-02', department_code: 'produce', tasks: 5, estimated_minutes: 165, capacity_minutes: 120, over_capacity: true },
    { business_date: '2026-11-02', department_code: 'meat', tasks: 3, estimated_minutes: 105, capacity_minutes: 120, over_capacity: false },
    { business_date: '2026-11-03', department_code: 'produce', tasks: 3, estimated_minutes: 105, capacity_minutes: 120, over_capacity: false },
    { business_date: '2026-11-03', department_code: 'meat', tasks: 3, estimated_minutes: 105, capacity_minutes: 120, over_capacity: false },
  ],
}

describe('tasks model', () => {
  it('reads a linked task id', () => {
    expect(linkedTaskId('12')).toBe(12)
    expect(linkedTaskId('x')).toBeNull()
    expect(linkedTaskId(undefined)).toBeNull()
  })

  it('draws a bar per department and one capacity line', () => {
    const option = loadChartOption(load, { capacity: 'Capacity', minutes: 'min', department: (c) => c.toUpperCase() }) as { series: { name: string; type: string; data: unknown[] }[]; xAxis: { data: string[] } }
    expect(option.xAxis.data).toEqual(['11-02', '11-03'])
    expect(option.series.map((s) => [s.name, s.type])).toEqual([['PRODUCE', 'bar'], ['MEAT', 'bar'], ['Capacity', 'line']])
    expect(option.series[0].data[0]).toMatchObject({ value: 165 })
    expect(option.series[1].data).toEqual([105, 105])
    expect(option.series[2].data).toEqual([120, 120])
    expect(overDays(load)).toHaveLength(1)
  })

  it('sends weekdays only for a weekly template', () => {
    const f = { ...emptyTemplateForm(), department_code: 'produce', title_zh: ' 价签核对 ', recurrence: 'weekly' as const, weekdays: [5, 1, 3] }
    expect(templateRequest(f, 2)).toMatchObject({ title_zh: '价签核对', weekdays: [1, 3, 5], version: 2 })
    expect(templateRequest({ ...f, recurrence: 'daily' })).not.toHaveProperty('weekdays')
    expect(templateRequest({ ...f, recurrence: 'monthly', month_day: 15 })).toMatchObject({ month_day: 15 })
  })

  it('reads a due time on the store\'s clock', () => {
    expect(dueAt('2026-11-02', '17:00', 'Asia/Shanghai')).toBe('2026-11-02T09:00:00.000Z')
    expect(dueAt('2026-07-01', '08:30', 'Europe/Berlin')).toBe('2026-07-01T06:30:00.000Z')
  })
})
