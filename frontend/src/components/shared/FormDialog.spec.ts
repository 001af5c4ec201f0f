import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h, reactive } from 'vue'
import { ElFormItem, ElInput } from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { ApiError } from '@/api/http'
import FormDialog from './FormDialog.vue'

const form = reactive({ name: '' })

/** A page using the dialog: one field, showing the field error the dialog hands over. */
function host(submit: () => Promise<unknown>, reload?: () => Promise<void>, confirm?: () => Promise<boolean>) {
  return defineComponent({
    setup() {
      return () =>
        h(
          FormDialog,
          {
            modelValue: true,
            title: '编辑',
            model: form,
            rules: { name: [{ required: true, message: '必填', trigger: 'blur' }] },
            submit,
            reload,
            confirm,
            testid: 'thing',
            duplicateField: 'name',
            duplicateMessage: '名称已被使用',
          },
          {
            default: ({ fields }: { fields: Record<string, string> }) =>
              h(ElFormItem, { label: '名称', prop: 'name', error: fields.name }, () =>
                h(ElInput, { modelValue: form.name, 'onUpdate:modelValue': (v: string) => (form.name = v), 'data-testid': 'name' }),
              ),
          },
        )
    },
  })
}

const dialog = () => document.querySelector('[data-testid="thing-dialog"]')!
const click = async (testid: string) => {
  document.querySelector<HTMLButtonElement>(`[data-testid="${testid}"]`)!.click()
  await flushPromises()
}

beforeEach(() => {
  setLocale('zh-CN')
  form.name = '苹果'
})

afterEach(() => {
  document.body.innerHTML = ''
})

describe('FormDialog', () => {
  it('does not submit while a client rule fails', async () => {
    form.name = ''
    const submit = vi.fn(async () => ({}))
    mount(host(submit), { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await click('thing-save')
    expect(submit).not.toHaveBeenCalled()
  })

  it('asks before saving: a refusal stops quietly, an agreement saves', async () => {
    let agree = false
    const submit = vi.fn(async () => ({}))
    const wrapper = mount(host(submit, undefined, async () => agree), { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await click('thing-save')
    expect([submit.mock.calls.length, document.querySelector('[data-testid="thing-form-error"]')]).toEqual([0, null])
    agree = true
    await click('thing-save')
    expect(submit).toHaveBeenCalledTimes(1)
    expect(wrapper.findComponent(FormDialog).emitted('saved')).toHaveLength(1)
  })

  it("keeps the dialog open on a failure, with the server's field messages by the fields", async () => {
    const submit = vi.fn(async () => {
      throw new ApiError(422, 'validation_failed', 'invalid', { name: '名称太长' })
    })
    const wrapper = mount(host(submit), { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await click('thing-save')
    expect(submit).toHaveBeenCalledTimes(1)
    await vi.waitFor(() => expect(dialog().textContent).toContain('名称太长'))
    expect(document.querySelector('[data-testid="thing-form-error"]')!.textContent).toContain('请检查填写的内容')
    expect(document.querySelector('[data-testid="thing-reload"]')).toBeNull()
    expect(wrapper.findComponent(FormDialog).emitted('saved')).toBeUndefined()
  })

  it('names the duplicate field on a 409 duplicate', async () => {
    mount(host(async () => Promise.reject(new ApiError(409, 'duplicate', 'taken'))), { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await click('thing-save')
    await vi.waitFor(() => expect(dialog().textContent).toContain('名称已被使用'))
  })

  it('offers a reload on a stale version; after it the form saves', async () => {
    let stale = true
    const submit = vi.fn(async () => {
      if (stale) throw new ApiError(409, 'stale_version', 'stale')
      return { name: form.name }
    })
    const reload = vi.fn(async () => {
      stale = false
      form.name = '新苹果'
    })
    const wrapper = mount(host(submit, reload), { global: { plugins: [i18n] }, attachTo: document.body })
    await flushPromises()
    await click('thing-save')
    await vi.waitFor(() => expect(document.querySelector('[data-testid="thing-reload"]')).not.toBeNull())
    expect(document.querySelector('[data-testid="thing-form-error"]')!.textContent).toContain('已被他人修改')
    await click('thing-reload')
    expect(reload).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="thing-form-error"]')).toBeNull()
    await click('thing-save')
    expect(wrapper.findComponent(FormDialog).emitted('saved')).toEqual([[{ name: '新苹果' }]])
    expect(wrapper.findComponent(FormDialog).emitted('update:modelValue')).toEqual([[false]])
  })
})
