import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { ref } from 'vue'
import { i18n, setLocale } from '@/i18n'
import { cleanUp, stubViewport } from '@/testFixtures'
import Pager from './Pager.vue'

function fakeList(total: number) {
  return { page: ref(1), pageSize: ref(20), total: ref(total), load: vi.fn(async () => {}), search: vi.fn(async () => {}) }
}

beforeEach(() => setLocale('zh-CN'))

afterEach(cleanUp)

describe('Pager', () => {
  it('on a desktop: the total, a labelled page-size select and page numbers; a page loads the list', async () => {
    stubViewport(false)
    const list = fakeList(95)
    const wrapper = mount(Pager, { props: { list }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(wrapper.text()).toContain('95')
    expect(wrapper.find('.el-pager').exists()).toBe(true)
    expect(wrapper.get('.page-size input').attributes('aria-label')).toBe('每页条数')
    expect(wrapper.find('[data-testid="pager-page-of"]').exists()).toBe(false)

    await wrapper.get('.el-pager li:nth-child(2)').trigger('click')
    await flushPromises()
    expect(list.page.value).toBe(2)
    expect(list.load).toHaveBeenCalledTimes(1)
  })

  it('on a phone: previous and next around "page x of y", no page numbers', async () => {
    stubViewport(true)
    const list = fakeList(95)
    const wrapper = mount(Pager, { props: { list }, global: { plugins: [i18n] }, attachTo: document.body })
    expect(wrapper.get('[data-testid="pager-page-of"]').text()).toBe('第 1 / 5 页')
    expect(wrapper.find('.el-pager').exists()).toBe(false)
    await wrapper.get('.btn-next').trigger('click')
    await flushPromises()
    expect(list.page.value).toBe(2)
    expect(list.load).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="pager-page-of"]').text()).toBe('第 2 / 5 页')
  })

  it('works with v-model page and page size without a list', async () => {
    stubViewport(true)
    const wrapper = mount(Pager, {
      props: { page: 3, pageSize: 10, total: 45, 'onUpdate:page': (p: number) => void wrapper.setProps({ page: p }) },
      global: { plugins: [i18n] },
      attachTo: document.body,
    })
    expect(wrapper.get('[data-testid="pager-page-of"]').text()).toBe('第 3 / 5 页')
    await wrapper.get('.btn-prev').trigger('click')
    await flushPromises()
    expect(wrapper.emitted<[number]>('update:page')!.at(-1)![0]).toBe(2)
    expect(wrapper.emitted<[number]>('change')!.at(-1)![0]).toBe(2)
  })
})
