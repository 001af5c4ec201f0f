import { describe, expect, it } from 'vitest'
import { recallChartOption, recallScope, recallStoreRows, recallTotals, sumDecimals } from './recallSummary'

const t = (key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)

const recall = {
  lot_ids: [] as number[],
  received_from: '2026-11-20',
  received_to: '2026-11-22',
  stores: [
    { store_id: 1, store_code: 'sh-pudong', store_name: '浦东店', lot_count: 2, qty: '12.500', value: '87.50' },
    { store_id: 2, store_code: 'sh-xuhui', store_name: '徐汇店', lot_count: 1, qty: '30.250', value: '211.75' },
    { store_id: 3, store_code: 'sh-jingan', store_name: '静安店', lot_count: 1, qty: '0.250', value: '1.75' },
  ],
}

describe('recall summary', () => {
  it('names the lots, the receiving range or the whole stock', () => {
    expect(recallScope({ lot_ids: [31, 32], received_from: null, received_to: null }, t)).toBe('recalls.scopeLots {"lots":"31, 32"}')
    expect(recallScope(recall, t)).toBe('recalls.scopeRange {"from":"2026-11-20","to":"2026-11-22"}')
    expect(recallScope({ lot_ids: [], received_from: null, received_to: null }, t)).toBe('recalls.scopeWhole')
  })

  it("gives each store's line the name the server sent, most value first", () => {
    expect(recallStoreRows(recall).map((r) => [r.name, r.lot_count, r.qty, r.value])).toEqual([
      ['徐汇店', 1, '30.250', '211.75'],
      ['浦东店', 2, '12.500', '87.50'],
      ['静安店', 1, '0.250', '1.75'],
    ])
    // Two stores of one name (after a rename) keep apart by their codes.
    const twins = { stores: [{ store_id: 8, store_code: 'a', store_name: '新店', lot_count: 1, qty: '1.000', value: '0.00' },
      { store_id: 9, store_code: 'b', store_name: '新店', lot_count: 1, qty: '1.000', value: '0.00' }] }
    expect(recallStoreRows(twins).map((r) => r.store_id)).toEqual([8, 9])
  })

  it('adds the lines up exactly', () => {
    expect(recallTotals(recallStoreRows(recall))).toEqual({ lot_count: 4, qty: '43.000', value: '301.00' })
    expect(recallTotals([])).toEqual({ lot_count: 0, qty: '0.000', value: '0.00' })
    // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
    expect(sumDecimals(['0.1', '0.2'], 2)).toBe('0.30')
    expect(sumDecimals(['12', '-0.005', '3.1'], 3)).toBe('15.095')
    expect(sumDecimals(['-1.50', '0.25'], 2)).toBe('-1.25')
    expect(() => sumDecimals(['abc'], 2)).toThrow()
  })

  it('draws a bar per store of the value that came back', () => {
    const option = recallChartOption(recallStoreRows(recall), '退回金额') as {
      xAxis: { data: string[] }
      series: { name: string; type: string; data: number[] }[]
    }
    expect(option.xAxis.data).toEqual(['徐汇店', '浦东店', '静安店'])
    expect(option.series).toHaveLength(1)
    expect(option.series[0]).toMatchObject({ name: '退回金额', type: 'bar', data: [211.75, 87.5, 1.75] })
  })
})
