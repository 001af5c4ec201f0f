import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setLocale } from '@/i18n'
import { cleanUp } from '@/testFixtures'
import type { CorrectiveAction } from '@/api/safety'
import messages from './i18n'
import ActionCard from './ActionCard.vue'

const base: CorrectiveAction = {
  id: 7, store_id: 1, department_code: 'produce', inspection_id: 3, item_id: 1, title: '冷藏库温度', finding: '7.00 °C', critical: true,
  owner_id: 4, owner_name: '李主管', due_date: '2026-11-30', status: 'open', overdue: false, note: '', done_by: null, done_by_name: '',
  done_at: null, verified_by: null, verified_by_name: '', verified_at: null, reject_reason: '', version: 1,
  created_at: '2026-11-30T01:00:00Z', updated_at: '2026-11-30T01:00:00Z', allowed_actions: [],
}

beforeEach(() => {
  for (const locale of ['zh-CN', 'en'] as const) i18n.global.mergeLocaleMessage(locale, messages[locale])
  setLocale('zh-CN')
})
afterEach(cleanUp)

const mountCard = (action: Partial<CorrectiveAction>, showInspection = false) => {
  const pinia = createPinia()
  setActivePinia(pinia)
  return mount(ActionCard, { props: { action: { ...base, ...action }, showInspection }, global: { plugins: [i18n, ElementPlus, pinia] } })
}
const buttons = (wrapper: ReturnType<typeof mountCard>) =>
  wrapper.findAll('button').map((b) => b.attributes('data-testid')).filter(Boolean)

describe('ActionCard', () => {
  it('offers only the steps the server allows, the main one first', async () => {
    expect(buttons(mountCard({ allowed_actions: ['complete', 'edit'] }))).toEqual(['action-complete-7', 'action-edit-7'])
    expect(buttons(mountCard({ allowed_actions: ['complete'] }))).toEqual(['action-complete-7'])
    expect(buttons(mountCard({ allowed_actions: [] }))).toEqual([])
    expect(buttons(mountCard({ status: 'done', allowed_actions: ['verify', 'reject'] }))).toEqual(['action-verify-7', 'action-reject-7'])
    expect(buttons(mountCard({ status: 'done', allowed_actions: [] }))).toEqual([])
  })

  it("links to the inspection only for an inspection's action, not a temperature alert's", () => {
    expect(buttons(mountCard({ allowed_actions: [] }, true))).toEqual(['action-inspection-7'])
    expect(buttons(mountCard({ allowed_actions: [], inspection_id: null }, true))).toEqual([])
  })

  it('emits the step pressed', async () => {
    const wrapper = mountCard({ status: 'done', allowed_actions: ['verify', 'reject'] })
    await wrapper.get('[data-testid="action-verify-7"]').trigger('click')
    await wrapper.get('[data-testid="action-reject-7"]').trigger('click')
    expect(Object.keys(wrapper.emitted())).toEqual(expect.arrayContaining(['verify', 'reject']))
    expect(wrapper.emitted('complete')).toBeUndefined()
    const open = mountCard({ allowed_actions: ['edit'] })
    await open.get('[data-testid="action-edit-7"]').trigger('click')
    expect(open.emitted('edit')).toHaveLength(1)
  })

  it('marks an overdue action and shows why it was sent back', () => {
    const wrapper = mountCard({ overdue: true, reject_reason: '复测仍偏高' })
    expect(wrapper.find('[data-testid="action-overdue-7"]').exists()).toBe(true)
    expect(wrapper.text()).toContain('退回原因：复测仍偏高')
    expect(wrapper.text()).toContain('7.00 °C')
  })
})
