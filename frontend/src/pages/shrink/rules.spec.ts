import { describe, expect, it } from 'vitest'
import { ladderText, markdownRequest, moneyProblem, parseLadder, pctProblem, qtyProblem, rulesForm, rulesProblem, rulesRequest, type RulesForm } from './rules'

describe('field checks', () => {
  it.each([
    { check: qtyProblem, text: '3', problem: null },
    { check: qtyProblem, text: '2.125', problem: null },
    { check: qtyProblem, text: '', problem: 'qtyRequired' },
    { check: qtyProblem, text: '0', problem: 'qtyPositive' },
    { check: qtyProblem, text: '0.000', problem: 'qtyPositive' },
    { check: qtyProblem, text: '-1', problem: 'qtyFormat' },
    { check: qtyProblem, text: '1.2345', problem: 'qtyFormat' },
    { check: qtyProblem, text: '3 kg', problem: 'qtyFormat' },
    { check: moneyProblem, text: '10.00', problem: null },
    { check: moneyProblem, text: '0', problem: null },
    { check: moneyProblem, text: '', problem: 'moneyRequired' },
    { check: moneyProblem, text: '1.234', problem: 'moneyFormat' },
    { check: pctProblem, text: '30', problem: null },
    { check: pctProblem, text: '12.5', problem: null },
    { check: pctProblem, text: '0', problem: 'pctRange' },
    { check: pctProblem, text: '100', problem: 'pctRange' },
    { check: pctProblem, text: 'x', problem: 'pctFormat' },
  ])('$check.name of $text is $problem', ({ check, text, problem }) => {
    expect(check(text)).toBe(problem)
  })
})

describe('markdownRequest', () => {
  const form = { sku: ' P1 ', qty: '2', by: 'pct' as const, pct: '30', price: '9.90', reason: 'overstock' as const, note: '', lotId: null }

  it('sends the percent or the price, never both', () => {
    expect(markdownRequest(form)).toEqual({ sku: 'P1', qty: '2', reason: 'overstock', discount_pct: '30' })
    expect(markdownRequest({ ...form, by: 'price', note: ' dented ', lotId: 4 })).toEqual({
      sku: 'P1',
      qty: '2',
      reason: 'overstock',
      markdown_price: '9.90',
      note: 'dented',
      lot_id: 4,
    })
  })
})

describe('the ladder field', () => {
  it('shows percents without trailing zeros', () => {
    expect(ladderText(['20.00', '30.50', '50'])).toBe('20, 30.5, 50')
  })

  it('reads commas, spaces, Chinese commas and percent signs', () => {
    expect(parseLadder('20, 30 50%，60、70')).toEqual(['20', '30', '50', '60', '70'])
    expect(parseLadder('  ')).toEqual([])
  })
})

describe('rulesProblem', () => {
  const good: RulesForm = { ladder: '20, 30, 50', max: '50', windowDays: 2, schedule: [{ hours: 24, pct: '30' }, { hours: 4, pct: '50' }] }

  it('takes the defaults', () => {
    expect(rulesProblem(good)).toBeNull()
  })

  it.each<[string, Partial<RulesForm>, string]>([
    ['a maximum above 90', { max: '95', ladder: '20' , schedule: [] }, 'maxRange'],
    ['no maximum', { max: '' }, 'maxFormat'],
    ['an empty ladder', { ladder: '' }, 'ladderCount'],
    ['a step twice', { ladder: '20, 20, 50' }, 'ladderDistinct'],
    ['a step above the maximum', { ladder: '20, 30, 60' }, 'ladderAboveMax'],
    ['a zero step', { ladder: '0, 30, 50' }, 'ladderFormat'],
    ['a window of 15 days', { windowDays: 15 }, 'windowRange'],
    ['hours beyond a week', { schedule: [{ hours: 200, pct: '30' }] }, 'scheduleHours'],
    ['the same hours twice', { schedule: [{ hours: 4, pct: '30' }, { hours: 4, pct: '50' }] }, 'scheduleDistinct'],
    ['a step off the ladder', { schedule: [{ hours: 24, pct: '40' }] }, 'scheduleOnLadder'],
    ['a shallower discount later', { schedule: [{ hours: 24, pct: '50' }, { hours: 4, pct: '30' }] }, 'scheduleDeeper'],
  ])('refuses %s', (_, change, problem) => {
    expect(rulesProblem({ ...good, ...change })).toBe(problem)
  })
})

describe('rulesForm and rulesRequest', () => {
  it('round-trip the server rules with the version', () => {
    const rules = {
      department_code: 'produce',
      ladder: ['20.00', '30.00', '50.00'],
      max_discount_pct: '50.00',
      window_days: 2,
      schedule: [{ hours_left: 24, discount_pct: '30.00' }],
      version: 3,
    }
    const form = rulesForm(rules)
    expect(form).toEqual({ ladder: '20, 30, 50', max: '50', windowDays: 2, schedule: [{ hours: 24, pct: '30' }] })
    expect(rulesRequest(form, rules.version)).toEqual({
      ladder: ['20', '30', '50'],
      max_discount_pct: '50',
      window_days: 2,
      schedule: [{ hours_left: 24, discount_pct: '30' }],
      version: 3,
    })
  })
})
