// The promoters (临时促销员) tab's plain parts: the add-shift form and its checks (the same
// rules as the server: a day of the campaign, HH:MM times with the end after the start, lines
// of the campaign's SKUs once each with a quantity above 0), the request it sends, the rows of
// the promoters table and the bar chart of units per hour per promoter.
import type { PromoterReport, ShiftRequest } from '@/api/campaigns'
import type { ChartOption } from './compliance'

export interface ShiftLine {
  sku: string
  qty: string
}

export interface ShiftForm {
  date: string
  start_time: string
  end_time: string
  lines: ShiftLine[]
}

export function emptyShift(date = ''): ShiftForm {
  return { date, start_time: '09:00', end_time: '17:00', lines: [{ sku: '', qty: '' }] }
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/
const QTY = /^\d+(\.\d{1,3})?$/
const blank = (l: ShiftLine) => !l.sku.trim() && !l.qty.trim()

/** Problems of the form by field (`date`, `end_time`, `lines[1].qty`…) as message keys. */
export function checkShift(form: ShiftForm, campaign: { starts_on: string; ends_on: string; skus: readonly string[] }): Record<string, string> {
  const found: Record<string, string> = {}
  if (!form.date) found.date = 'campaigns.promoters.dateRequired'
  else if (form.date < campaign.starts_on || form.date > campaign.ends_on) found.date = 'campaigns.promoters.dateOutside'
  if (!TIME.test(form.start_time)) found.start_time = 'campaigns.promoters.timeFormat'
  if (!TIME.test(form.end_time)) found.end_time = 'campaigns.promoters.timeFormat'
  else if (TIME.test(form.start_time) && form.end_time <= form.start_time) found.end_time = 'campaigns.promoters.endAfterStart'
  const seen = new Set<string>()
  form.lines.forEach((line, i) => {
    if (blank(line)) return
    const sku = line.sku.trim()
    if (!campaign.skus.includes(sku)) found[`lines[${i}].sku`] = 'campaigns.promoters.skuNotInCampaign'
    else if (seen.has(sku)) found[`lines[${i}].sku`] = 'campaigns.promoters.skuTwice'
    seen.add(sku)
    const qty = line.qty.trim()
    if (!QTY.test(qty) || Number(qty) <= 0 || Number(qty) > 100000) found[`lines[${i}].qty`] = 'campaigns.promoters.qtyFormat'
  })
  return found
}

/** The request for the form (blank lines left out). */
export function shiftRequest(form: ShiftForm): ShiftRequest {
  return {
    date: form.date,
    start_time: form.start_time,
    end_time: form.end_time,
    lines: form.lines.filter((l) => !blank(l)).map((l) => ({ sku: l.sku.trim(), qty: l.qty.trim() })),
  }
}

/** "12.5" from "12.500": the figures read without trailing zeros; null reads "—". */
export function figure(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—'
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value
}

export interface PromoterRow {
  id: number
  name: string
  contact: string
  shifts: number
  hours: string
  units: string
  perHour: string
}

/** One row per promoter with their totals. */
export function promoterRows(report: Pick<PromoterReport, 'promoters'>): PromoterRow[] {
  return report.promoters.map((p) => ({
    id: p.id,
    name: p.name,
    contact: [p.agency, p.phone].filter(Boolean).join(' · '),
    shifts: p.shifts.length,
    hours: figure(p.hours),
    units: figure(p.units),
    perHour: figure(p.units_per_hour),
  }))
}

/** Bars of units per hour per promoter (0 for one without time worked). */
export function perHourChartOption(report: Pick<PromoterReport, 'promoters'>, label: string): ChartOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: report.promoters.map((p) => p.name), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value' },
    series: [{ name: label, type: 'bar', color: '#2f6f4f', barMaxWidth: 40, data: report.promoters.map((p) => Number(p.units_per_hour ?? 0)) }],
  }
}
