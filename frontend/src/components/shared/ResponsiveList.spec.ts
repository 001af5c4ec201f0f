import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import { i18n, setLocale } from '@/i18n'
import { cleanUp, stubViewport } from '@/testFixtures'
import ResponsiveList from './ResponsiveList.vue'
import type { ListColumn } from './listColumns'

interface Row {
  id: number
  sku: string
  name: string
  price: string
}

const ROWS: Row[] = [
  { id: 1, sku: 'P1', name: '苹果', price: '9.90' },
  { id: 2, sku: 'P2', name: '香蕉', price: '5.50' },
]
const COLUMNS: ListColumn[] = [
  { key: 'sku', label: 'SKU', card: 'title' },
  { key: 'name', label: '名称', card: 'title' },
  { key: 'price', label: '售价', align: 'right' },
]

function mountList(rows: Row[] = ROWS) {
  return mount(ResponsiveList, {
    props: { rows, columns: COLUMNS, testid: 'products', cardTestid: (r: Row) => `product-card-${r.sku}` } as never,
    slots: {
      'cell-price': ({ row }: { row: Row }) => `¥${row.price}`,
      actions: ({ row }: { row: Row }) => h('button', { 'data-testid': `edit-${row.sku}` }, 'edit'),
    } as never,
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

beforeEach(() => setLocale('zh-CN'))

afterEach(cleanUp)

describe('ResponsiveList', () => {
  it('is a table on a desktop, with cell slots and one actions button per row', async () => {
    stubViewport(false)
    const wrapper = mountList()
    await vi.waitFor(() => expect(wrapper.findAll('[data-testid="products-table"] .el-table__row')).toHaveLength(2))
    expect(wrapper.find('[data-testid="products-cards"]').exists()).toBe(false)
    await vi.waitFor(() => expect(wrapper.get('[data-testid="products-table"] .el-table__body').text()).toContain('¥9.90'))
    // Element calls column slots with an empty row too; only real rows reach the page's slots.
    expect(wrapper.findAll('[data-testid^="edit-"]').map((b) => b.attributes('data-testid'))).toEqual(['edit-P1', 'edit-P2'])
  })

  it('is one card per row on a phone: title fields, label and value lines, the action inside', () => {
    stubViewport(true)
    const wrapper = mountList()
    expect(wrapper.find('[data-testid="products-table"]').exists()).toBe(false)
    const card = wrapper.get('[data-testid="product-card-P1"]')
    expect(card.get('.card-head').text()).toContain('P1')
    expect(card.get('.card-head').text()).toContain('苹果')
    expect(card.get('dl').text()).toContain('售价')
    expect(card.get('dl').text()).toContain('¥9.90')
    expect(card.find('.card-actions [data-testid="edit-P1"]').exists()).toBe(true)
  })

  it('says when there is nothing to show', () => {
    stubViewport(true)
    expect(mountList([]).get('[data-testid="products-cards"]').text()).toContain('暂无数据')
  })
})
