import { describe, expect, it } from 'vitest'
import type { Product } from '@/api/catalog'
import { belongsToList, matchBarcode } from './scanLookup'

const product = (sku: string, barcode: string | null, department_code = 'produce') => ({ sku, barcode, department_code, name: sku }) as Product

const enoki = product('P10062', '6921111000625')
const shiitake = product('P10061', null)
const apple = product('P10066', '6921148000663')

describe('matchBarcode', () => {
  it('selects a product that may be counted now', () => {
    expect(matchBarcode('6921111000625', [enoki, shiitake], [enoki, shiitake, apple])).toEqual({ kind: 'hit', product: enoki })
  })

  it('names a loaded product outside the scope instead of selecting it', () => {
    expect(matchBarcode('6921148000663', [enoki], [enoki, apple])).toEqual({ kind: 'outside', product: apple })
  })

  it('says unknown when no loaded product has the code', () => {
    expect(matchBarcode('4006381333931', [enoki], [enoki, apple])).toEqual({ kind: 'unknown' })
  })
})

describe('belongsToList', () => {
  it('takes the stocktake department only, or any for a whole-store count', () => {
    expect(belongsToList(enoki, 'produce')).toBe(true)
    expect(belongsToList(product('P10200', '1', 'dry'), 'produce')).toBe(false)
    expect(belongsToList(product('P10200', '1', 'dry'), null)).toBe(true)
  })
})
