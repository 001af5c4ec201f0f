import { describe, expect, it } from 'vitest'
import type { CorrectiveAction } from '@/api/safety'
import { actionEdit, actionQuery, allows, byStatus, filtersFromQuery, filtersToQuery, mainStep, sortSchedules } from './actionModel'

const action = (id: number, status: CorrectiveAction['status'], allowed: CorrectiveAction['allowed_actions'] = []) =>
  ({ id, status, allowed_actions: allowed }) as unknown as CorrectiveAction

describe('mainStep', () => {
  it('completes an open action and verifies a done one, only when the server allows it', () => {
    expect(mainStep(action(1, 'open', ['complete', 'edit']))).toBe('complete')
    expect(mainStep(action(1, 'open', ['edit']))).toBeNull()
    expect(mainStep(action(2, 'done', ['verify', 'reject']))).toBe('verify')
    expect(mainStep(action(2, 'done', []))).toBeNull()
    expect(mainStep(action(3, 'verified', ['verify']))).toBeNull()
  })
  it('reads allowed_actions for the other steps', () => {
    expect(allows(action(2, 'done', ['verify', 'reject']), 'reject')).toBe(true)
    expect(allows(action(2, 'done', ['verify']), 'reject')).toBe(false)
    expect(allows(null, 'reject')).toBe(false)
  })
})

describe('byStatus', () => {
  it('puts each action in its column keeping the server order', () => {
    const columns = byStatus([action(1, 'done'), action(2, 'open'), action(3, 'done'), action(4, 'verified')])
    expect(columns.open.map((a) => a.id)).toEqual([2])
    expect(columns.done.map((a) => a.id)).toEqual([1, 3])
    expect(columns.verified.map((a) => a.id)).toEqual([4])
  })
})

describe('the board filters in the address', () => {
  it('reads the Today inbox links', () => {
    expect(filtersFromQuery({ mine: 'true' })).toEqual({ mine: true, overdue: false, status: '', department_code: '' })
    expect(filtersFromQuery({ overdue: 'true' }).overdue).toBe(true)
    expect(filtersFromQuery({ status: 'done' }).status).toBe('done')
    expect(filtersFromQuery({ status: 'bogus', mine: 'yes' })).toEqual({ mine: false, overdue: false, status: '', department_code: '' })
    expect(filtersFromQuery({ status: ['verified'], department_code: 'meat' })).toMatchObject({ status: 'verified', department_code: 'meat' })
  })
  it('writes back only what is set, and asks the API the same', () => {
    const filters = { mine: true, overdue: false, status: 'open' as const, department_code: '' }
    expect(filtersToQuery(filters)).toEqual({ mine: 'true', status: 'open' })
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters)
    expect(actionQuery(filters)).toEqual({ mine: true, overdue: null, status: 'open', department_code: '' })
  })
})

describe('sortSchedules', () => {
  it('puts overdue, then due first and keeps the order otherwise', () => {
    const rows = [
      { id: 1, state: 'done' as const },
      { id: 2, state: 'due' as const },
      { id: 3, state: 'not_due' as const },
      { id: 4, state: 'overdue' as const },
      { id: 5, state: 'due' as const },
    ]
    expect(sortSchedules(rows).map((r) => r.id)).toEqual([4, 2, 5, 3, 1])
  })
})

describe('actionEdit', () => {
  const record = { owner_id: 3, due_date: '2026-12-02' }
  it('sends only what changed', () => {
    expect(actionEdit(record, { owner_id: 4, due_date: '2026-12-02' })).toEqual({ owner_id: 4 })
    expect(actionEdit(record, { owner_id: 3, due_date: '2026-12-05' })).toEqual({ due_date: '2026-12-05' })
    expect(actionEdit(record, { owner_id: 5, due_date: '2026-12-06' })).toEqual({ owner_id: 5, due_date: '2026-12-06' })
  })
  it('is null when nothing changed or the fields are empty', () => {
    expect(actionEdit(record, { owner_id: 3, due_date: '2026-12-02' })).toBeNull()
    expect(actionEdit(record, { owner_id: null, due_date: '' })).toBeNull()
    expect(actionEdit({ owner_id: null, due_date: '2026-12-02' }, { owner_id: 7, due_date: '' })).toEqual({ owner_id: 7 })
  })
})
