import { describe, expect, it } from 'vitest'
import { complaintRequest, emptyComplaintForm, formatHours, lastFourWeeks, linkedComplaintId, reportChart, reportLines, reportRows, resolveRequest, storeReportRows } from './complaintForm'

describe('complaintRequest', () => {
  it('sends only the required fields when the optional ones are empty', () => {
    const body = complaintRequest({ ...emptyComplaintForm(), channel: 'counter', category: 'quality', description: '  草莓发霉 ' })
    expect(body).toEqual({ channel: 'counter', category: 'quality', description: '草莓发霉' })
  })
  it('adds department, SKU and the received time as RFC 3339', () => {
    const body = complaintRequest({ channel: 'phone', category: 'price', department_code: 'FRUIT', sku: ' 100001 ', description: 'x', received_at: '2026-11-30T08:15:00Z' })
    expect(body).toEqual({ channel: 'phone', category: 'price', department_code: 'FRUIT', sku: '100001', description: 'x', received_at: '2026-11-30T08:15:00.000Z' })
  })
  it('leaves out a received time that cannot be read', () => {
    expect(complaintRequest({ ...emptyComplaintForm(), channel: 'other', category: 'other', description: 'x', received_at: 'nonsense' })).not.toHaveProperty('received_at')
  })
})

describe('resolveRequest', () => {
  it('sends the compensation only when given', () => {
    expect(resolveRequest(' 退款 ', '', 3)).toEqual({ resolution: '退款', version: 3 })
    expect(resolveRequest('退款', ' 20.50 ', 3)).toEqual({ resolution: '退款', compensation: '20.50', version: 3 })
  })
})

describe('linkedComplaintId', () => {
  it('reads a positive id and refuses anything else', () => {
    expect(linkedComplaintId('12')).toBe(12)
    expect(linkedComplaintId(['7'])).toBe(7)
    expect(linkedComplaintId('0')).toBeNull()
    expect(linkedComplaintId('1e3')).toBeNull()
    expect(linkedComplaintId(undefined)).toBeNull()
  })
})

describe('report formatting', () => {
  it('formats mean hours and keeps the groups in order', () => {
    expect(formatHours(null)).toBe('—')
    expect(formatHours('3.25')).toBe('3.3')
    const rows = reportRows(
      [
        { key: 'quality', count: 5, open: 1, resolved: 4, compensation: '40.00', mean_hours_to_resolve: '2.5' },
        { key: '', count: 2, open: 2, resolved: 0, compensation: '0.00', mean_hours_to_resolve: null },
      ],
      (k) => (k ? `L:${k}` : 'none'),
    )
    expect(rows.map((r) => [r.label, r.meanHours])).toEqual([['L:quality', '2.5'], ['none', '—']])
    expect(reportChart(rows)).toEqual({ labels: ['L:quality', 'none'], counts: [5, 2] })
  })
})

describe('storeReportRows', () => {
  it('labels each store by its name, keyed by its id, in the report\'s order', () => {
    const rows = storeReportRows([
      { store_id: 3, store_name: '广州天河店', count: 5, open: 1, resolved: 4, compensation: '30.00', mean_hours_to_resolve: '12.50' },
      { store_id: 1, store_name: '上海浦东店', count: 2, open: 2, resolved: 0, compensation: '0.00', mean_hours_to_resolve: null },
    ])
    expect(rows).toEqual([
      { key: '3', label: '广州天河店', count: 5, open: 1, resolved: 4, compensation: '30.00', meanHours: formatHours('12.50') },
      { key: '1', label: '上海浦东店', count: 2, open: 2, resolved: 0, compensation: '0.00', meanHours: '—' },
    ])
    expect(reportChart(rows)).toEqual({ labels: ['广州天河店', '上海浦东店'], counts: [5, 2] })
  })
})

describe('reportLines', () => {
  it('keys the rows apart from the total, which comes last', () => {
    const row = (key: string) => ({ key, label: key, count: 1, open: 0, resolved: 1, compensation: '0.00', meanHours: '1.0' })
    const lines = reportLines([row('meat'), row('')], row(''))
    expect(lines.map((l) => [l.id, l.total])).toEqual([['meat', false], ['none', false], ['total', true]])
  })
})

describe('lastFourWeeks', () => {
  it('spans 28 days ending today, across a month', () => {
    expect(lastFourWeeks('2026-03-01')).toEqual(['2026-02-02', '2026-03-01'])
  })
})
