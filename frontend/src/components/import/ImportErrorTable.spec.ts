import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ImportErrorTable from './ImportErrorTable.vue'
import { i18n, setLocale } from '@/i18n'

function mountTable(fields: Record<string, string>) {
  return mount(ImportErrorTable, { props: { fields }, global: { plugins: [i18n] }, attachTo: document.body })
}

describe('ImportErrorTable', () => {
  it('lists problems by line with the column and a translated message', async () => {
    setLocale('zh-CN')
    const wrapper = mountTable({
      'line 10.qty': 'must be greater than 0',
      'line 9.sku': 'unknown SKU X9',
      lines: '… and 3 more problems',
    })
    await new Promise((r) => setTimeout(r, 0))
    expect(wrapper.get('[data-testid="import-errors-summary"]').text()).toContain('发现 5 处错误（涉及 2 行）')
    const rows = wrapper.findAll('.el-table__body tr').map((tr) => tr.text())
    expect(rows).toHaveLength(3)
    expect(rows[0]).toContain('9')
    expect(rows[0]).toContain('unknown SKU X9')
    expect(rows[1]).toMatch(/10.*数量.*qty.*必须大于 0/)
    expect(rows[2]).toContain('还有 3 处错误未列出')
    wrapper.unmount()
  })

  it('names JSON items in English', async () => {
    setLocale('en')
    const wrapper = mountTable({ 'lines[2].cost': 'must have at most 2 decimal places' })
    await new Promise((r) => setTimeout(r, 0))
    const row = wrapper.get('.el-table__body tr').text()
    expect(row).toContain('item 3')
    expect(row).toContain('Cost')
    expect(row).toContain('at most 2 decimal places')
    wrapper.unmount()
    setLocale('zh-CN')
  })
})
