import { describe, expect, it } from 'vitest'
import type { Incident } from '@/api/risk'
import { byStatus, chartHeight, completionChartOption, formatHours, incidentEdit, incidentForm, levelTag, levelsFrom, pick, riskName } from './riskModel'

const inc = (id: number, status: Incident['status']) => ({ id, status }) as Incident

describe('risk model', () => {
  it('sends only what the incident edit changed', () => {
    const i = { level: 'medium', title: '入口拥挤', description: '', owner_id: 3 } as Incident
    expect(incidentEdit(i, incidentForm(i))).toBeNull()
    expect(incidentEdit(i, { ...incidentForm(i), title: ' 入口拥挤 ' })).toBeNull()
    expect(incidentEdit(i, { ...incidentForm(i), level: 'high', owner_id: 5 })).toEqual({ level: 'high', owner_id: 5 })
    expect(incidentEdit(i, { ...incidentForm(i), description: ' 推搡 ' })).toEqual({ description: '推搡' })
    expect(incidentEdit({ ...i, owner_id: null }, { ...incidentForm(i), owner_id: null })).toBeNull()
  })
  it('groups the board by status in column order', () => {
    const g = byStatus([inc(1, 'open'), inc(2, 'resolved'), inc(3, 'open'), inc(4, 'closed')])
    expect(g.open.map((i) => i.id)).toEqual([1, 3])
    expect(g.responding).toEqual([])
    expect(g.resolved.map((i) => i.id)).toEqual([2])
    expect(g.closed.map((i) => i.id)).toEqual([4])
  })
  it('only raises levels and colours them', () => {
    expect(levelsFrom('medium')).toEqual(['medium', 'high'])
    expect(levelsFrom('low')).toEqual(['low', 'medium', 'high'])
    expect(levelTag('high')).toBe('danger')
    expect(levelTag('low')).toBe('info')
  })
  it('speaks the reader’s language', () => {
    expect(riskName({ name: '网络攻击', name_en: 'Network attack' }, 'en')).toBe('Network attack')
    expect(riskName({ name: '网络攻击', name_en: '' }, 'en')).toBe('网络攻击')
    expect(pick('疏散', 'Evacuate', 'zh-CN')).toBe('疏散')
    expect(formatHours(null)).toBe('—')
    expect(formatHours('3.50')).toBe('3.5 h')
  })
  it('charts completion per store, best first', () => {
    const opt = completionChartOption({ stores: [
      { store_id: 1, store_name: 'A', done: 1, total: 10, percent: 10 },
      { store_id: 2, store_name: 'B', done: 10, total: 10, percent: 100 },
    ] }, 'done') as { yAxis: { data: string[] }; series: { data: number[] }[] }
    expect(opt.yAxis.data).toEqual(['B', 'A'])
    expect(opt.series[0].data).toEqual([100, 10])
    expect(chartHeight(500)).toBe(2000)
    expect(chartHeight(1)).toBe(160)
  })
})
