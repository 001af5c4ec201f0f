import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { i18n, setLocale } from '@/i18n'
import { setCsrfTokenSource } from '@/api/http'
import { MAX_PHOTO_BYTES, multipartBody } from '@/api/attachments'
import PhotoPicker from './PhotoPicker.vue'

/** A stand-in for XMLHttpRequest: records every request and answers on demand. */
class FakeXHR {
  static all: FakeXHR[] = []
  url = ''
  headers: Record<string, string> = {}
  body: Blob | null = null
  status = 0
  statusText = ''
  responseText = ''
  aborted = false
  withCredentials = false
  readonly upload = new EventTarget()
  private readonly events = new EventTarget()
  constructor() {
    FakeXHR.all.push(this)
  }
  open(_method: string, url: string): void {
    this.url = url
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }
  getResponseHeader(): string | null {
    return null
  }
  addEventListener(type: string, listener: EventListener): void {
    this.events.addEventListener(type, listener)
  }
  send(body: Blob): void {
    this.body = body
  }
  abort(): void {
    this.aborted = true
    this.events.dispatchEvent(new Event('abort'))
  }
  progress(loaded: number, total: number): void {
    this.upload.dispatchEvent(new ProgressEvent('progress', { loaded, total, lengthComputable: true }))
  }
  respond(status: number, body: unknown): void {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.events.dispatchEvent(new Event('load'))
  }
  fail(): void {
    this.events.dispatchEvent(new Event('error'))
  }
}

const attachment = (id: number) => ({
  id,
  content_type: 'image/jpeg',
  size: 1000,
  width: 640,
  height: 480,
  sha256: 'a'.repeat(64),
  created_at: '2025-03-01T08:00:00Z',
  url: `/api/v1/attachments/${id}`,
  thumbnail_url: `/api/v1/attachments/${id}/thumbnail`,
})

const photo = (name: string, size = 2000, type = 'image/jpeg') => {
  const file = new File([new Uint8Array(Math.min(size, 4000))], name, { type })
  if (size > 4000) Object.defineProperty(file, 'size', { value: size })
  return file
}

async function pick(wrapper: VueWrapper, files: File[], testid = 'photo-input'): Promise<void> {
  const input = wrapper.get(`[data-testid="${testid}"]`)
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
  await flushPromises()
}

function mountPicker(props: Record<string, unknown> = {}) {
  return mount(PhotoPicker, {
    props: { modelValue: [], 'onUpdate:modelValue': vi.fn(), ...props },
    global: { plugins: [i18n], stubs: { transition: false } },
  })
}

const lastIds = (wrapper: VueWrapper) => (wrapper.emitted('update:modelValue')?.at(-1)?.[0] as number[] | undefined) ?? []

beforeEach(() => {
  setLocale('zh-CN')
  FakeXHR.all = []
  vi.stubGlobal('XMLHttpRequest', FakeXHR)
  setCsrfTokenSource(() => 'csrf-1')
  URL.createObjectURL = vi.fn((file: Blob) => `blob:${(file as File).name}`)
  URL.revokeObjectURL = vi.fn()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('multipartBody', () => {
  it('wraps the file as the part `file` with a boundary the content type names', async () => {
    const { body, contentType } = multipartBody(new Blob(['JPEGDATA'], { type: 'image/jpeg' }), 'a"b\r\n.jpg')
    const boundary = contentType.match(/^multipart\/form-data; boundary=(.+)$/)![1]
    const text = await body.text()
    expect(text).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a_b__.jpg"\r\nContent-Type: image/jpeg\r\n\r\nJPEGDATA\r\n--${boundary}--\r\n`,
    )
  })
})

describe('PhotoPicker', () => {
  it('uploads each photo with the CSRF token, shows its progress and sets the ids', async () => {
    const wrapper = mountPicker()
    await pick(wrapper, [photo('a.jpg'), photo('b.jpg')])
    expect(FakeXHR.all).toHaveLength(2)
    const [a, b] = FakeXHR.all as [FakeXHR, FakeXHR]
    expect(a.url).toBe('/api/v1/attachments')
    expect(a.headers['X-CSRF-Token']).toBe('csrf-1')
    expect(a.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(wrapper.emitted('update:busy')?.at(-1)).toEqual([true])

    a.progress(500, 1000)
    await flushPromises()
    expect(wrapper.get('[data-testid="photo-0"]').text()).toContain('上传中 50%')

    // The second finishes first: the ids still follow the order the photos were picked in.
    b.respond(201, attachment(12))
    await flushPromises()
    expect(lastIds(wrapper)).toEqual([12])
    a.respond(201, attachment(11))
    await flushPromises()
    expect(lastIds(wrapper)).toEqual([11, 12])
    expect(wrapper.emitted('update:busy')?.at(-1)).toEqual([false])
    expect(wrapper.get('[data-testid="photo-0"] img').attributes('src')).toBe('/api/v1/attachments/11/thumbnail')
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:a.jpg')
  })

  it('retries a failed upload and removes a photo before the form is sent', async () => {
    const wrapper = mountPicker()
    await pick(wrapper, [photo('a.jpg'), photo('b.jpg')], 'photo-input-camera')
    FakeXHR.all[0]!.fail()
    FakeXHR.all[1]!.respond(201, attachment(21))
    await flushPromises()
    expect(wrapper.get('[data-testid="photo-0"]').attributes('data-status')).toBe('failed')
    expect(wrapper.get('[data-testid="photo-error"]').text()).toContain('无法连接服务器')

    await wrapper.get('[data-testid="photo-retry"]').trigger('click')
    expect(FakeXHR.all).toHaveLength(3)
    FakeXHR.all[2]!.respond(201, attachment(22))
    await flushPromises()
    expect(lastIds(wrapper)).toEqual([22, 21])

    await wrapper.get('[data-testid="photo-1"] [data-testid="photo-remove"]').trigger('click')
    expect(lastIds(wrapper)).toEqual([22])
    expect(wrapper.findAll('.tile')).toHaveLength(1)
  })

  it('cancels an upload that is removed while running', async () => {
    const wrapper = mountPicker()
    await pick(wrapper, [photo('a.jpg')])
    await wrapper.get('[data-testid="photo-remove"]').trigger('click')
    await flushPromises()
    expect(FakeXHR.all[0]!.aborted).toBe(true)
    expect(wrapper.findAll('.tile')).toHaveLength(0)
    expect(wrapper.emitted('update:busy')?.at(-1)).toEqual([false])
  })

  it('refuses big and non-image files without uploading, and says what the server refused', async () => {
    const wrapper = mountPicker()
    await pick(wrapper, [photo('huge.jpg', MAX_PHOTO_BYTES + 1), photo('notes.txt', 10, 'text/plain'), photo('c.jpg')])
    expect(FakeXHR.all).toHaveLength(1)
    const tiles = wrapper.findAll('.tile')
    expect(tiles[0]!.text()).toContain('超过 12 MB')
    expect(tiles[1]!.text()).toContain('不是图片文件')
    expect(tiles[0]!.find('[data-testid="photo-retry"]').exists()).toBe(false)

    FakeXHR.all[0]!.respond(400, { error: { code: 'invalid_image', message: 'bad', fields: { file: 'cannot decode' } } })
    await flushPromises()
    expect(tiles[2]!.text()).toContain('图片无法读取')
    expect(tiles[2]!.find('[data-testid="photo-retry"]').exists()).toBe(false)
  })

  it('takes at most `max` photos and says how many were left out', async () => {
    const wrapper = mountPicker({ max: 2 })
    await pick(wrapper, [photo('a.jpg'), photo('b.jpg'), photo('c.jpg')])
    expect(FakeXHR.all).toHaveLength(2)
    expect(wrapper.get('[data-testid="photo-too-many"]').text()).toContain('最多 2 张照片，多出的 1 张未添加')
    expect(wrapper.get('[data-testid="photo-choose"]').attributes()).toHaveProperty('disabled')
  })

  it('shows the photos a form already has, and empties when the form resets', async () => {
    const wrapper = mountPicker({ modelValue: [5, 6] })
    expect(wrapper.findAll('.tile img').map((img) => img.attributes('src'))).toEqual([
      '/api/v1/attachments/5/thumbnail',
      '/api/v1/attachments/6/thumbnail',
    ])
    await wrapper.setProps({ modelValue: [] })
    expect(wrapper.findAll('.tile')).toHaveLength(0)
  })
})
