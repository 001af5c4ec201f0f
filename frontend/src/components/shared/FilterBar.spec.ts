import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { i18n, setLocale } from '@/i18n'
import { cleanUp, stubViewport } from '@/testFixtures'
import FilterBar from './FilterBar.vue'

interface Filters {
  q: string
  role: string
}

const empty = (): Filters => ({ q: '', role: '' })

function mountBar(modelValue: Filters) {
  const wrapper = mount(FilterBar, {
    props: {
      modelValue,
      'onUpdate:modelValue': (value: Filters) => void wrapper.setProps({ modelValue: value } as never),
      empty,
      name: 'user',
      search: { key: 'q', placeholder: '搜索用户' },
    } as never,
    slots: { default: '<input data-testid="role-field" />' },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
  return wrapper
}

beforeEach(() => setLocale('zh-CN'))

afterEach(cleanUp)

describe('FilterBar', () => {
  it('searches from the box, and reset brings back an empty set', async () => {
    stubViewport(false)
    const wrapper = mountBar({ q: '', role: 'admin' })
    const box = wrapper.get('input[data-testid="user-search"]')
    expect(box.attributes('aria-label')).toBe('搜索用户')
    await box.setValue('wang')
    await box.trigger('keyup', { key: 'Enter' })
    expect(wrapper.emitted('search')).toHaveLength(1)
    const typed = wrapper.emitted<[Filters]>('update:modelValue')!.at(-1)![0]
    expect(typed).toEqual({ q: 'wang', role: 'admin' })

    await wrapper.get('[data-testid="user-filters-reset"]').trigger('click')
    expect(wrapper.emitted<[Filters]>('update:modelValue')!.at(-1)![0]).toEqual(empty())
    expect(wrapper.emitted('search')).toHaveLength(2)
  })

  it('shows every field on a desktop, with no toggle', () => {
    stubViewport(false)
    const wrapper = mountBar(empty())
    expect(wrapper.find('[data-testid="user-filters-toggle"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="role-field"]').isVisible()).toBe(true)
  })

  it('folds the fields on a phone behind a toggle that counts the active filters', async () => {
    stubViewport(true)
    const wrapper = mountBar({ q: 'wang', role: 'admin' })
    const toggle = wrapper.get('[data-testid="user-filters-toggle"]')
    expect(toggle.text()).toBe('筛选（已选 2 项）')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(wrapper.get('[data-testid="role-field"]').isVisible()).toBe(false)
    expect(wrapper.get('input[data-testid="user-search"]').isVisible()).toBe(true)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(wrapper.get('[data-testid="role-field"]').isVisible()).toBe(true)
  })
})
