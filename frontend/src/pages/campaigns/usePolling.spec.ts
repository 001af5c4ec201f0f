import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import { usePolling } from './usePolling'

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
  document.dispatchEvent(new Event('visibilitychange'))
}

describe('usePolling', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => {
    vi.useRealTimers()
    setVisibility('visible')
  })

  it('loads at once, every interval while visible, not while hidden, at once on return, and stops when unmounted', async () => {
    const load = vi.fn(() => Promise.resolve())
    const wrapper = mount(defineComponent({ setup: () => (usePolling(load, 15_000), () => h('div')) }))
    expect(load).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(15_000)
    expect(load).toHaveBeenCalledTimes(2)
    setVisibility('hidden')
    await vi.advanceTimersByTimeAsync(45_000)
    expect(load).toHaveBeenCalledTimes(2)
    setVisibility('visible')
    expect(load).toHaveBeenCalledTimes(3)
    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(load).toHaveBeenCalledTimes(3)
  })
})
