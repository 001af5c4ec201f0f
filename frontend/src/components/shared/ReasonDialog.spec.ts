import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n, setLocale } from '@/i18n'
import ReasonDialog from './ReasonDialog.vue'

function mountDialog(submit: (reason: string) => Promise<unknown>) {
  return mount(ReasonDialog, {
    props: { modelValue: false, title: '驳回盘点 #9', confirmText: '驳回', submit, testid: 'reject', maxLength: 10 },
    global: { plugins: [i18n] },
    attachTo: document.body,
  })
}

const reasonInput = () => document.querySelector<HTMLTextAreaElement>('[data-testid="reject-reason"]')!
const save = async () => {
  document.querySelector<HTMLButtonElement>('[data-testid="reject-save"]')!.click()
  await flushPromises()
}

beforeEach(() => setLocale('zh-CN'))

afterEach(() => {
  document.body.innerHTML = ''
})

describe('ReasonDialog', () => {
  it('asks for a reason before it confirms, and sends it trimmed', async () => {
    const submit = vi.fn(async () => ({}))
    const wrapper = mountDialog(submit)
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    expect(document.querySelector('[data-testid="reject-save"]')!.textContent).toContain('驳回')

    await save()
    expect(submit).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(document.querySelector('[data-testid="reject-dialog"]')!.textContent).toContain('请填写原因'))

    reasonInput().value = '  数量不对  '
    reasonInput().dispatchEvent(new Event('input'))
    await flushPromises()
    await save()
    expect(submit).toHaveBeenCalledWith('数量不对')
    expect(wrapper.emitted('done')).toHaveLength(1)
  })

  it('starts empty each time it opens', async () => {
    const wrapper = mountDialog(async () => ({}))
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    reasonInput().value = '旧的'
    reasonInput().dispatchEvent(new Event('input'))
    await wrapper.setProps({ modelValue: false })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    expect(reasonInput().value).toBe('')
  })
})
