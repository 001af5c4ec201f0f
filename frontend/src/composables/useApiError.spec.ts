import { describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import { mount } from '@vue/test-utils'
import { isDuplicate, isStaleVersion, useApiError } from './useApiError'
import { ApiError } from '@/api/http'
import { i18n, setLocale } from '@/i18n'

function describeWith(locale: 'zh-CN' | 'en', err: unknown): string {
  setLocale(locale)
  let text = ''
  const Probe = defineComponent({
    setup() {
      text = useApiError().describe(err)
      return () => null
    },
  })
  mount(Probe, { global: { plugins: [i18n] } }).unmount()
  return text
}

describe('useApiError', () => {
  it('tells the user to reload on a stale version', () => {
    const stale = new ApiError(409, 'stale_version', 'user 3 was changed by someone else')
    expect(isStaleVersion(stale)).toBe(true)
    expect(describeWith('zh-CN', stale)).toContain('重新加载')
    expect(isStaleVersion(new ApiError(409, 'conflict', 'x'))).toBe(true)
  })

  it('does not mistake a duplicate for a stale version', () => {
    const dup = new ApiError(409, 'duplicate', 'user super1 already exists')
    expect(isDuplicate(dup)).toBe(true)
    expect(isStaleVersion(dup)).toBe(false)
    expect(describeWith('en', dup)).toBe('This record already exists')
  })

  it('passes unknown codes through with the server message', () => {
    const err = new ApiError(422, 'department_in_use', 'department meat is still assigned')
    expect(describeWith('en', err)).toBe('Failed: department meat is still assigned')
  })

  it('says whether a 503 saved anything', () => {
    expect(describeWith('en', new ApiError(503, 'database_unavailable', 'x'))).toContain('Nothing was saved')
    expect(describeWith('zh-CN', new ApiError(503, 'database_unavailable', 'x'))).toContain('未保存')
    expect(describeWith('en', new ApiError(503, 'busy', 'x'))).toContain('Nothing was saved')
    expect(describeWith('en', new ApiError(503, 'commit_unknown', 'x'))).toContain('may or may not be saved')
    expect(describeWith('zh-CN', new ApiError(503, 'commit_unknown', 'x'))).toContain('不确定是否已保存')
  })

  it('translates network failures', () => {
    expect(describeWith('zh-CN', new ApiError(0, 'network_error', 'Failed to fetch'))).toBe('无法连接服务器，请检查网络')
  })
})
