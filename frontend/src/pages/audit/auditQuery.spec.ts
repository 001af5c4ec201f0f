import { describe, expect, it } from 'vitest'
import { auditQuery, dayRange } from './auditQuery'

describe('audit query', () => {
  it('covers whole local days from the first to the last picked day', () => {
    const { from, to } = dayRange(['2024-03-01', '2024-03-02'])
    expect(new Date(from!).getTime()).toBe(new Date(2024, 2, 1, 0, 0, 0, 0).getTime())
    expect(new Date(to!).getTime()).toBe(new Date(2024, 2, 2, 23, 59, 59, 999).getTime())
    expect(from).toMatch(/Z$/)
  })

  it('sends no dates when none are picked', () => {
    expect(dayRange(null)).toEqual({})
  })

  it('trims text filters', () => {
    expect(auditQuery({ entity_type: ' user ', action: '', store_id: 2, dates: null })).toEqual({
      entity_type: 'user',
      action: '',
      store_id: 2,
    })
  })
})
