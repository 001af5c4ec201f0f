import { describe, expect, it } from 'vitest'
import { allowedActions, seesBook } from './stocktakeActions'

const st = (status: 'planned' | 'counting' | 'submitted' | 'approved', blind = true) => ({ status, blind })

describe('allowed actions', () => {
  it('lets counters start a planned count; HQ only prints', () => {
    expect(allowedActions(st('planned'), 'supervisor')).toEqual(['sheet', 'start'])
    expect(allowedActions(st('planned'), 'hq_promotions')).toEqual(['sheet'])
  })

  it('hides variance from counters of a blind count until it is submitted', () => {
    expect(allowedActions(st('counting'), 'supervisor')).toEqual(['sheet', 'count', 'recount', 'submit'])
    expect(allowedActions(st('counting', false), 'supervisor')).toContain('variance')
    expect(allowedActions(st('counting'), 'store_manager')).toEqual([
      'sheet', 'count', 'recount', 'variance', 'assignRecount', 'confirmZero', 'submit',
    ])
    expect(seesBook(st('counting'), 'supervisor')).toBe(false)
    expect(seesBook(st('submitted'), 'supervisor')).toBe(true)
  })

  it('lets only managers approve or reject a submitted count', () => {
    expect(allowedActions(st('submitted'), 'store_manager')).toEqual(expect.arrayContaining(['approve', 'reject', 'variance']))
    expect(allowedActions(st('submitted'), 'supervisor')).not.toContain('approve')
    expect(allowedActions(st('submitted'), 'hq_promotions')).toEqual(['sheet', 'variance'])
  })

  it('leaves approved counts to reading', () => {
    expect(allowedActions(st('approved'), 'admin')).toEqual(['sheet', 'variance'])
    expect(allowedActions(st('approved'), null)).toEqual([])
  })
})
