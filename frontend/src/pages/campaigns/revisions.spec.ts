import { describe, expect, it } from 'vitest'
import { summaryLines, summaryText } from './revisions'

const say = (key: string, values: Record<string, string> = {}) => (key === 'campaigns.history.fields.name' ? 'Name' : `${key}${JSON.stringify(values)}`)

describe('summaryLines', () => {
  it('reads fields, items added, removed and repriced, and tasks added in that order', () => {
    const lines = summaryLines({
      fields: [{ field: 'ends_on', before: '2026-12-10', after: '2026-12-14' }],
      items_added: [{ sku: 'P1', name: 'Milk', before: null, after: '2.50' }],
      items_removed: [{ sku: 'P2', name: 'Tea', before: '3.00', after: null }],
      items_repriced: [{ sku: 'P3', name: 'Rice', before: '9.90', after: '8.80' }],
      tasks_added: ['Second display'],
    })
    expect(lines.map((l) => l.key)).toEqual(['campaigns.history.field', 'campaigns.history.added', 'campaigns.history.removed', 'campaigns.history.repriced', 'campaigns.history.taskAdded'])
    expect(lines[0]?.values).toEqual({ field: 'campaigns.history.fields.ends_on', before: '2026-12-10', after: '2026-12-14' })
    expect(lines[1]?.values).toEqual({ sku: 'P1', name: 'Milk', before: '—', after: '2.50' })
    expect(lines[3]?.values).toEqual({ sku: 'P3', name: 'Rice', before: '9.90', after: '8.80' })
    expect(lines[4]?.values).toEqual({ title: 'Second display' })
  })

  it.each([null, undefined, 'text', 42, [], {}])('reads %j as no lines', (summary) => expect(summaryLines(summary)).toEqual([]))

  it('skips odd entries and keeps an unknown field by its name', () => {
    const lines = summaryLines({ fields: [null, { field: 'colour', before: 'red', after: '' }, { before: 'x' }], items_added: 'nope', items_repriced: [{ name: 'no sku' }, 7], tasks_added: [3, '', 'Shelf'] })
    expect(lines).toEqual([
      { key: 'campaigns.history.field', values: { field: 'colour', before: 'red', after: '—' } },
      { key: 'campaigns.history.taskAdded', values: { title: 'Shelf' } },
    ])
  })
})

describe('summaryText', () => {
  it('translates the field name inside the line', () => {
    expect(summaryText({ fields: [{ field: 'name', before: 'A', after: 'B' }] }, say)).toEqual([
      'campaigns.history.field{"field":"Name","before":"A","after":"B"}',
    ])
  })
})
