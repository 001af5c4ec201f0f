import { describe, expect, it } from 'vitest'
import { importErrorRows, knownMessage, linesWithErrors, moreProblems, parseErrorKey } from './importErrors'

describe('parseErrorKey', () => {
  it('reads a CSV cell', () => {
    expect(parseErrorKey('line 7.cost_price')).toEqual({ key: 'line 7.cost_price', line: 7, source: 'csv', field: 'cost_price' })
  })

  it('reads a whole CSV line', () => {
    expect(parseErrorKey('line 1')).toMatchObject({ line: 1, source: 'csv', field: '' })
  })

  it('reads JSON items as 1-based numbers', () => {
    expect(parseErrorKey('lines[3].qty')).toEqual({ key: 'lines[3].qty', line: 4, source: 'json', field: 'qty' })
    expect(parseErrorKey('products[0].sku')).toMatchObject({ line: 1, source: 'json', field: 'sku' })
    expect(parseErrorKey('lines[2]')).toMatchObject({ line: 3, source: 'json', field: '' })
  })

  it('keeps other keys as request-wide problems', () => {
    expect(parseErrorKey('store_id')).toEqual({ key: 'store_id', line: null, source: null, field: 'store_id' })
    expect(parseErrorKey('lines')).toEqual({ key: 'lines', line: null, source: null, field: '' })
  })
})

describe('importErrorRows', () => {
  it('sorts by line as a number: line 10 after line 9', () => {
    const rows = importErrorRows({
      'line 10.qty': 'must be greater than 0',
      'line 9.sku': 'unknown SKU X1',
      'line 2.cost': 'must not be negative',
      'line 9.cost': 'must have at most 2 decimal places',
    })
    expect(rows.map((r) => r.key)).toEqual(['line 2.cost', 'line 9.cost', 'line 9.sku', 'line 10.qty'])
  })

  it('sorts JSON keys by index numerically', () => {
    const rows = importErrorRows({ 'lines[10].qty': 'a', 'lines[3].sku': 'b', 'lines[3].cost': 'c', 'lines[9].qty': 'd' })
    expect(rows.map((r) => [r.line, r.field])).toEqual([
      [4, 'cost'],
      [4, 'sku'],
      [10, 'qty'],
      [11, 'qty'],
    ])
  })

  it('puts request-wide problems first and the overflow summary last', () => {
    const rows = importErrorRows({
      lines: '… and 12 more problems',
      'line 3.qty': 'must be greater than 0',
      body: 'is empty',
      'line 1': 'missing column qty',
    })
    expect(rows.map((r) => r.key)).toEqual(['body', 'line 1', 'line 3.qty', 'lines'])
    expect(rows[2]).toMatchObject({ line: 3, field: 'qty', message: 'must be greater than 0' })
  })

  it('answers nothing for no fields', () => {
    expect(importErrorRows({})).toEqual([])
  })

  it('counts lines with problems and the unlisted rest', () => {
    const fields = { 'line 3.qty': 'x', 'line 3.cost': 'y', 'line 5.sku': 'z', lines: '… and 40 more problems' }
    expect(linesWithErrors(importErrorRows(fields))).toBe(2)
    expect(moreProblems(fields)).toBe(40)
    expect(moreProblems({ 'line 2.qty': 'x' })).toBe(0)
  })
})

describe('knownMessage', () => {
  it('recognises common messages with their parameters', () => {
    expect(knownMessage('must be greater than 0')).toEqual({ key: 'positive', params: {} })
    expect(knownMessage('must have at most 2 decimal places')).toEqual({ key: 'decimals', params: { n: '2' } })
    expect(knownMessage('missing column qty')).toEqual({ key: 'missingColumn', params: { column: 'qty' } })
    expect(knownMessage('must be one of: materials, repairs, other')).toEqual({ key: 'oneOf', params: { values: 'materials, repairs, other' } })
    expect(knownMessage("is in the future: today is 2025-03-01 in the store's time zone")?.key).toBe('future')
    expect(knownMessage('P10250 belongs to department dry, which is not yours')).toEqual({
      key: 'otherDepartment',
      params: { sku: 'P10250', department: 'dry' },
    })
    expect(knownMessage('unknown SKU "P20001"')).toEqual({ key: 'unknownSku', params: { sku: 'P20001' } })
  })

  it('recognises the GBK hint', () => {
    const gbk =
      'the file is not text in UTF-8, GBK or GB18030: save it as CSV and upload it again'
    expect(knownMessage(gbk)?.key).toBe('notText')
    expect(knownMessage('the file mixes text encodings: save it again as CSV UTF-8 (or GBK) and upload it again')?.key).toBe('notText')
  })

  it('leaves other messages alone', () => {
    expect(knownMessage('unknown department fish (known: produce, meat)')).toBeNull()
  })
})
