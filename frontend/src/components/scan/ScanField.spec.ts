import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n, setLocale } from '@/i18n'
import type { FrameDetector } from './detector'
import ScanField from './ScanField.vue'

// The camera decoder is faked: what it "sees" is set per test.
const seen = { code: null as string | null, format: 'ean_13' as const, loadFails: false, loads: 0 }
vi.mock('./detector', () => ({
  createDetector: async (): Promise<FrameDetector> => {
    seen.loads++
    if (seen.loadFails) throw new Error('the decoder could not be loaded')
    return { detect: async () => (seen.code ? { code: seen.code, format: seen.format } : null) }
  },
}))

const getUserMedia = vi.fn()
const stopTrack = vi.fn()

function fakeStream(): MediaStream {
  const track = { stop: stopTrack, addEventListener: vi.fn() }
  return { getTracks: () => [track], getVideoTracks: () => [track] } as unknown as MediaStream
}

function mountField(props: Record<string, unknown> = {}) {
  return mount(ScanField, { props, attrs: { 'data-testid': 'field' }, global: { plugins: [i18n] }, attachTo: document.body })
}

beforeEach(() => {
  setLocale('zh-CN')
  seen.code = null
  seen.loadFails = false
  seen.loads = 0
  getUserMedia.mockReset()
  stopTrack.mockReset()
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true })
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
  vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4)
})

afterEach(() => {
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

describe('ScanField typed input', () => {
  it('emits a typed code that passes the check, and explains one that does not', async () => {
    const wrapper = mountField()
    const input = wrapper.get('input[data-testid="field"]')
    await input.setValue('4006381333932')
    await input.trigger('keyup', { key: 'Enter' })
    expect(wrapper.emitted('scan')).toBeUndefined()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toContain('校验位')

    await input.setValue(' 4006381333931 ')
    await input.trigger('keyup', { key: 'Enter' })
    expect(wrapper.emitted('scan')).toEqual([['4006381333931']])
    wrapper.unmount()
  })

  it('hands free text to the parent unchecked', async () => {
    const wrapper = mountField({ freeText: true })
    await wrapper.get('input').setValue('金针菇')
    await wrapper.get('input').trigger('keyup', { key: 'Enter' })
    expect(wrapper.emitted('enter')).toEqual([['金针菇']])
    expect(wrapper.emitted('scan')).toBeUndefined()
    wrapper.unmount()
  })
})

describe('ScanField camera', () => {
  it('reads a code from the camera, emits it and stops the camera', async () => {
    getUserMedia.mockResolvedValue(fakeStream())
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(getUserMedia).toHaveBeenCalledWith(expect.objectContaining({ video: expect.objectContaining({ facingMode: { ideal: 'environment' } }) }))
    expect(document.querySelector('[data-testid="scan-status"]')?.getAttribute('data-state')).toBe('scanning')

    seen.code = '6921000000026'
    await vi.waitFor(() => expect(wrapper.emitted('scan')).toEqual([['6921000000026']]), { timeout: 2000 })
    await flushPromises()
    expect(stopTrack).toHaveBeenCalled()
    expect(document.querySelector('[data-testid="scan-camera"]')).toBeNull()
    wrapper.unmount()
  })

  it('falls back to typing with a message when the permission is refused', async () => {
    getUserMedia.mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toContain('没有摄像头权限')
    expect(document.querySelector('[data-testid="scan-camera"]')).toBeNull()
    expect(document.activeElement).toBe(wrapper.get('input').element)
    wrapper.unmount()
  })

  it('says so without a prompt on plain HTTP, and when there is no camera', async () => {
    Object.defineProperty(window, 'isSecureContext', { value: false, configurable: true })
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toContain('HTTPS')
    expect(getUserMedia).not.toHaveBeenCalled()

    Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true })
    getUserMedia.mockRejectedValue(new DOMException('none', 'NotFoundError'))
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toContain('没有找到可用的摄像头')
    wrapper.unmount()
  })

  it('stops the camera when closed, and when the page goes away', async () => {
    getUserMedia.mockResolvedValue(fakeStream())
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('[data-testid="scan-close"]') as HTMLElement).click()
    await flushPromises()
    expect(stopTrack).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="scan-camera"]')).toBeNull()

    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    wrapper.unmount()
    expect(stopTrack).toHaveBeenCalledTimes(2)
  })

  it('stops a camera that answers only after the user closed it', async () => {
    let grant: (s: MediaStream) => void = () => {}
    getUserMedia.mockReturnValue(new Promise<MediaStream>((resolve) => (grant = resolve)))
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    ;(document.querySelector('[data-testid="scan-close"]') as HTMLElement).click()
    grant(fakeStream())
    await flushPromises()
    expect(stopTrack).toHaveBeenCalledTimes(1)
    expect(document.querySelector('[data-testid="scan-camera"]')).toBeNull()
    wrapper.unmount()
  })

  it('reports a decoder that cannot be loaded, stops the camera and loads it again next time', async () => {
    getUserMedia.mockResolvedValue(fakeStream())
    seen.loadFails = true
    const wrapper = mountField()
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="scan-notice"]').text()).toContain('摄像头无法打开')
    expect(stopTrack).toHaveBeenCalledTimes(1)

    seen.loadFails = false
    await wrapper.get('[data-testid="scan-open"]').trigger('click')
    await flushPromises()
    expect(seen.loads).toBe(2)
    expect(document.querySelector('[data-testid="scan-status"]')?.getAttribute('data-state')).toBe('scanning')
    wrapper.unmount()
  })
})
