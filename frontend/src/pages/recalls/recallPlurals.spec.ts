import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from './i18n/zh-CN'
import en from './i18n/en'

function translate(locale: 'zh-CN' | 'en') {
  const { t } = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } }).global
  return (key: string, n: number) => t(key, { n }, n)
}

describe('recall counts', () => {
  it('say "1 store" and "2 stores" in English, and one form in Chinese', () => {
    const t = translate('en')
    expect([t('recalls.storeCount', 1), t('recalls.storeCount', 2)]).toEqual(['1 store', '2 stores'])
    expect([t('recalls.lotCount', 1), t('recalls.lotCount', 3)]).toEqual(['1 lot', '3 lots'])
    expect(t('recalls.confirmSomeStores', 1)).toBe('1 store')
    const zh = translate('zh-CN')
    expect(zh('recalls.storeCount', 1)).toBe(zhCN.recalls.storeCount.replace('{n}', '1'))
    expect(zh('recalls.lotCount', 2)).toBe(zhCN.recalls.lotCount.replace('{n}', '2'))
  })
})
