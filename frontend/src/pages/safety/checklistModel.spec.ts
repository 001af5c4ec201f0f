import { describe, expect, it } from 'vitest'
import type { Checklist } from '@/api/safety'
import { checklistForm, checklistRequest, choiceList, emptyChecklist, errorsByItem, moveItem, newItem } from './checklistModel'
import { weekdayName } from './actionModel'

const saved = {
  id: 4, store_id: null, scope: 'chain', title: '冷库检查', area: 'cold_room', department_code: '', pass_score: 80, version: 2, current_version: 2,
  active: true, updated_by_name: '品控', allowed_actions: ['edit'],
  items: [
    { id: 1, title: '冷藏温度', kind: 'number', unit: '°C', min: '0.00', max: '4.00', weight: 20, critical: true, required: true, guidance: '看温度计', choices: [], fail_choices: [] },
    { id: 2, title: '地面', kind: 'choice', unit: '', min: null, max: null, weight: 5, critical: false, required: false, guidance: '', choices: ['干净', '有积水'], fail_choices: ['有积水'] },
  ],
} as unknown as Checklist

describe('checklist editor model', () => {
  it('opens a saved checklist with every field and saves only what each kind uses', () => {
    const form = checklistForm(saved)
    expect(form.items[1]!.choices).toBe('干净\n有积水')
    form.items[1]!.choices = '干净\n有积水\n 干净 \n\n有杂物'
    form.items[1]!.failChoices = ['有积水', '已删除的选项']
    const body = checklistRequest(form, { version: saved.current_version })
    expect(body).toMatchObject({ title: '冷库检查', area: 'cold_room', pass_score: 80, version: 2, active: true })
    expect(body.store_id).toBeUndefined()
    expect(body.items[0]).toEqual({ title: '冷藏温度', kind: 'number', unit: '°C', min: '0.00', max: '4.00', weight: 20, critical: true, required: true, guidance: '看温度计' })
    expect(body.items[1]).toEqual({ title: '地面', kind: 'choice', weight: 5, critical: false, required: false, choices: ['干净', '有积水', '有杂物'], fail_choices: ['有积水'] })
  })

  it('makes a new store checklist with its store and no version; a chain one with neither', () => {
    const form = emptyChecklist()
    form.title = ' 面包房检查 '
    form.area = 'prep_room'
    form.items[0]!.title = '烤箱周边无杂物'
    const own = checklistRequest(form, { storeId: 3 })
    expect(own).toMatchObject({ title: '面包房检查', store_id: 3, items: [{ title: '烤箱周边无杂物', kind: 'bool' }] })
    expect(own.version).toBeUndefined()
    expect(own.active).toBeUndefined()
    const chain = checklistRequest(form, { storeId: null })
    expect(chain.store_id).toBeUndefined()
  })

  it('leaves out an empty range bound and the unit of non-number items', () => {
    const item = { ...newItem('number'), title: '冷冻', max: '-18' }
    const body = checklistRequest({ ...emptyChecklist(), items: [item, { ...newItem('text'), title: '备注', unit: '°C' }] }, { storeId: null })
    expect(body.items[0]).toMatchObject({ unit: '°C', max: '-18' })
    expect(body.items[0]).not.toHaveProperty('min')
    expect(body.items[1]).not.toHaveProperty('unit')
  })

  it("sorts the server's item messages by row", () => {
    expect(errorsByItem({ title: 'required', 'items[2].max': 'must be at most 300', 'items[2].min': 'must be below max', 'items[0]': 'bad' })).toEqual({
      2: 'max: must be at most 300; min: must be below max',
      0: 'bad',
    })
  })

  it('moves rows inside the list only, and lists choices once each', () => {
    const rows = ['a', 'b', 'c'].map((title) => ({ ...newItem(), title }))
    moveItem(rows, 0, -1)
    moveItem(rows, 2, 1)
    expect(rows.map((r) => r.title)).toEqual(['a', 'b', 'c'])
    moveItem(rows, 0, 1)
    expect(rows.map((r) => r.title)).toEqual(['b', 'a', 'c'])
    expect(choiceList(' x\n\ny\nx ')).toEqual(['x', 'y'])
  })

  it('names weekdays from Monday', () => {
    expect(weekdayName(1, 'en')).toBe('Monday')
    expect(weekdayName(7, 'en')).toBe('Sunday')
    expect(weekdayName(1, 'zh-CN')).toBe('星期一')
  })
})
