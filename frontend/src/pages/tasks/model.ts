// Pure pieces of the tasks pages: the linked task of a Today link, the load chart's option
// (bars per department per day, the capacity as a line), the template form and its request.
import type { TaskLoad, TaskTemplate, TaskTemplateRequest } from '@/api/tasks'

/** The task id of a `?id=12` link, or null. */
export function linkedTaskId(id: unknown): number | null {
  const n = typeof id === 'string' ? Number(id) : NaN
  return Number.isInteger(n) && n > 0 ? n : null
}

export interface LoadLabels {
  capacity: string
  minutes: string
  department: (code: string) => string
}

/** The days of the report, in order. */
export function loadDays(load: TaskLoad): string[] {
  return [...new Set(load.days.map((d) => d.business_date))]
}

/** Departments with a day over capacity, and on which days. */
export function overDays(load: TaskLoad): { department_code: string; business_date: string; estimated_minutes: number; capacity_minutes: number }[] {
  return load.days.filter((d) => d.over_capacity)
}

/** ECharts option: one bar series per department (minutes per day), a dashed line per department's capacity. */
export function loadChartOption(load: TaskLoad, labels: LoadLabels): Record<string, unknown> {
  const days = loadDays(load)
  const departments = load.capacities.map((c) => c.department_code)
  const minutes = (dept: string) => days.map((day) => load.days.find((d) => d.business_date === day && d.department_code === dept)?.estimated_minutes ?? 0)
  const bars = departments.map((dept) => ({
    name: labels.department(dept),
    type: 'bar',
    data: minutes(dept).map((value, i) => {
      const over = load.days.find((d) => d.business_date === days[i] && d.department_code === dept)?.over_capacity
      return over ? { value, itemStyle: { borderColor: '#f56c6c', borderWidth: 2 } } : value
    }),
  }))
  const caps = [...new Set(load.capacities.map((c) => c.minutes_per_day))]
  const lines = caps.map((cap) => ({
    name: caps.length === 1 ? labels.capacity : `${labels.capacity} ${cap}`,
    type: 'line',
    symbol: 'none',
    lineStyle: { type: 'dashed', color: '#f56c6c' },
    itemStyle: { color: '#f56c6c' },
    data: days.map(() => cap),
  }))
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 24, bottom: 56 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', name: labels.minutes },
    series: [...bars, ...lines],
  }
}

export interface TemplateForm {
  department_code: string
  title_zh: string
  title_en: string
  recurrence: TaskTemplate['recurrence']
  weekdays: number[]
  month_day: number
  due_time: string
  estimated_minutes: number
  active: boolean
}

export function emptyTemplateForm(): TemplateForm {
  return { department_code: '', title_zh: '', title_en: '', recurrence: 'daily', weekdays: [1], month_day: 1, due_time: '09:00', estimated_minutes: 30, active: true }
}

export function templateFormOf(t: TaskTemplate): TemplateForm {
  return {
    department_code: t.department_code,
    title_zh: t.title_zh,
    title_en: t.title_en,
    recurrence: t.recurrence,
    weekdays: t.weekdays.length ? [...t.weekdays] : [1],
    month_day: t.month_day ?? 1,
    due_time: t.due_time,
    estimated_minutes: t.estimated_minutes,
    active: t.active,
  }
}

/** The request for a form: weekdays only for a weekly template, the day only for a monthly one. */
export function templateRequest(f: TemplateForm, version?: number): TaskTemplateRequest {
  const body: TaskTemplateRequest = {
    department_code: f.department_code,
    title_zh: f.title_zh.trim(),
    title_en: f.title_en.trim(),
    recurrence: f.recurrence,
    due_time: f.due_time,
    estimated_minutes: f.estimated_minutes,
    active: f.active,
  }
  if (f.recurrence === 'weekly') body.weekdays = [...f.weekdays].sort()
  if (f.recurrence === 'monthly') body.month_day = f.month_day
  if (version) body.version = version
  return body
}

/** The instant of `time` (HH:MM) on `day` (YYYY-MM-DD) on the store's clock (`timeZone`; the browser's when unknown), as RFC 3339. */
export function dueAt(day: string, time: string, timeZone?: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  const guess = Date.UTC(y, m - 1, d, hh, mm)
  if (!timeZone) return new Date(y, m - 1, d, hh, mm).toISOString()
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(new Date(guess))
        .map((p) => [p.type, Number(p.value)]),
    )
    const shown = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute)
    return new Date(guess - (shown - guess)).toISOString()
  } catch {
    return new Date(y, m - 1, d, hh, mm).toISOString()
  }
}

/** Today's date as YYYY-MM-DD in the store's time zone (the browser's when unknown). */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  } catch {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
  }
}

/** The time of day of an instant in the store's zone, HH:MM. */
export function timeIn(instant: string, timeZone?: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant))
  } catch {
    return instant.slice(11, 16)
  }
}
