import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n } from '@/i18n'
import { cleanUp } from '@/testFixtures'
import FilterSelect from './FilterSelect.vue'
import { yesNo } from './filterOptions'

afterEach(cleanUp)

describe('FilterSelect', () => {
  it('names the select by its label, passes attributes through and says when it changes', async () => {
    const wrapper = mount(FilterSelect, {
      props: { modelValue: null, label: '全部状态', options: yesNo('启用', '停用'), 'data-testid': 'status' } as never,
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    })
    const input = wrapper.get('[data-testid="status"] input')
    expect(input.attributes('aria-label')).toBe('全部状态')
    expect(wrapper.text()).toContain('全部状态')
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('change', true)
    expect(wrapper.emitted('change')).toHaveLength(1)
  })

  it('offers yes before no', () => {
    expect(yesNo('易腐', '不易腐')).toEqual([
      { value: true, label: '易腐' },
      { value: false, label: '不易腐' },
    ])
  })
})
