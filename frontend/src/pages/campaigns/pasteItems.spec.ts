import { describe, expect, it } from 'vitest'
import { cents, parsePastedItems, resolvePasted } from './pasteItems'

describe('parsePastedItems', () => {
  it('reads tab-separated lines from a spreadsheet, with and without the below-cost column', () => {
    const parsed = parsePastedItems('P10001\t2.99\nP10002\t¥5\t是\r\n\n')
    expect(parsed.problems).toEqual([])
    expect(parsed.lines).toEqual([
      { line: 1, sku: 'P10001', promo_price: '2.99', below_cost: false },
      { line: 2, sku: 'P10002', promo_price: '5', below_cost: true },
    ])
  })

  it('reads comma and full-width comma lines and skips a header row', () => {
    const parsed = parsePastedItems('SKU,促销价\nP1,1.50\nP2，0.80，yes')
    expect(parsed.lines.map((l) => [l.line, l.sku, l.promo_price, l.below_cost])).toEqual([
      [2, 'P1', '1.50', false],
      [3, 'P2', '0.80', true],
    ])
  })

  it.each([
    ['P1', 'columns'],
    ['P1\t2\tno\textra', 'columns'],
    ['P 1\t2', 'sku'],
    ['P1\tabc', 'price'],
    ['P1\t1.999', 'price'],
    ['P1\t0', 'price'],
    ['P1\t2\tmaybe', 'belowCost'],
  ])('reports %j as a %s problem of line 1', (text, key) => {
    const parsed = parsePastedItems(text)
    expect(parsed.lines).toEqual([])
    expect(parsed.problems).toMatchObject([{ line: 1, key }])
  })

  it('reports a SKU pasted twice or already in the table, keeping the first', () => {
    const parsed = parsePastedItems('P1\t2\np1\t3\nP9\t1', ['P9'])
    expect(parsed.lines.map((l) => l.sku)).toEqual(['P1'])
    expect(parsed.problems.map((p) => [p.line, p.key])).toEqual([
      [2, 'duplicate'],
      [3, 'duplicate'],
    ])
  })
})

describe('resolvePasted', () => {
  const products = [
    { sku: 'P1', name: '草莓', retail_price: '3.00', cost_price: '1.20' },
    { sku: 'P2', name: '香蕉', retail_price: '2.00', cost_price: '1.00' },
  ]

  it('names each good line from the catalogue and reports unknown SKUs and prices not below the regular one', () => {
    const parsed = parsePastedItems('p1\t2.50\nP2\t2.00\nP3\t1\nbad')
    const { rows, problems } = resolvePasted(parsed, products)
    expect(rows).toEqual([{ sku: 'P1', name: '草莓', regular_price: '3.00', cost_price: '1.20', promo_price: '2.50', below_cost: false }])
    expect(problems.map((p) => [p.line, p.key, p.values])).toEqual([
      [2, 'notBelowRegular', { price: '2.00', regular: '2.00' }],
      [3, 'unknownSku', { sku: 'P3' }],
      [4, 'columns', undefined],
    ])
  })
})

describe('cents', () => {
  it.each([
    ['2.99', 299],
    ['3', 300],
    ['0.5', 50],
    ['10.05', 1005],
  ])('%s is %i cents', (text, n) => expect(cents(text)).toBe(n))
})
