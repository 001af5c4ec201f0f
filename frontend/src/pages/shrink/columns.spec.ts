import { describe, expect, it } from 'vitest'
import { shrinkColumns } from './columns'

describe('shrinkColumns', () => {
  const t = (key: string) => `«${key}»`

  it('keeps the order asked for and labels each field', () => {
    expect(shrinkColumns(t, ['status', 'name']).map((c) => [c.key, c.label])).toEqual([
      ['status', '«shrink.fields.status»'],
      ['name', '«shrink.fields.name»'],
    ])
  })

  it('puts the product and status in a card’s title and aligns money right', () => {
    const [name, status, loss] = shrinkColumns(t, ['name', 'status', 'loss'])
    expect(name).toMatchObject({ card: 'title', minWidth: 160 })
    expect(status).toMatchObject({ card: 'title' })
    expect(loss).toMatchObject({ align: 'right', width: 110 })
  })
})
