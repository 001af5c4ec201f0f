import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '@/i18n'
import { cleanUp, stubViewport } from '@/testFixtures'
import messages from './i18n'
import AuditFilters from './AuditFilters.vue'
import { emptyAuditFilters } from './auditFilters'

beforeEach(() => {
  for (const locale of ['zh-CN', 'en'] as const) i18n.global.mergeLocaleMessage(locale, messages[locale])
  stubViewport(false)
})
afterEach(cleanUp)

function mountFilters() {
  return mount(AuditFilters, {
    props: { modelValue: emptyAuditFilters(), stores: [], showStore: false },
    global: { plugins: [i18n, ElementPlus] },
    attachTo: document.body,
  })
}

describe('AuditFilters', () => {
  it('names its filters in words, with no code examples to type', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      setLocale(locale)
      const wrapper = mountFilters()
      await wrapper.vm.$nextTick()
      const text = wrapper.html()
      // Before: free-text boxes whose placeholders were `如 user.create` / `e.g. user.create`.
      expect(text).not.toMatch(/user\.create|user、store|e\.g\./)
      const entity = wrapper.get('[data-testid="audit-entity-type"]')
      expect(entity.text()).toContain(locale === 'en' ? 'Entity type' : '对象类型')
      expect(wrapper.get('[data-testid="audit-action"]').text()).toContain(locale === 'en' ? 'Action' : '动作')
      wrapper.unmount()
    }
  })
})
