import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent } from 'vue'
import { i18n, setLocale } from '@/i18n'
import { ApiError } from '@/api/http'
import { useUpload, type UploadCallOptions } from './useUpload'

/** Runs the composable in a component, as the upload pages do. */
function setup() {
  let upload!: ReturnType<typeof useUpload>
  mount(
    defineComponent({
      setup() {
        upload = useUpload()
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return upload
}

const csv = new File(['sku,name\n'], 'products.csv', { type: 'text/csv' })

beforeEach(() => setLocale('en'))

describe('useUpload', () => {
  it('sends the file with a progress bar that starts from nothing', async () => {
    const upload = setup()
    const answer = await upload.send(csv, async (file, options) => {
      expect(upload.progress.value).toEqual({ loaded: 0, total: csv.size, percent: 0 })
      options.onProgress({ loaded: csv.size, total: csv.size, percent: 100 })
      return file.name
    })
    expect(answer).toBe('products.csv')
    expect(upload.progress.value.percent).toBe(100)
  })

  it('aborts the upload in flight', async () => {
    const upload = setup()
    let seen: UploadCallOptions | undefined
    const pending = upload.send(csv, (_file, options) => {
      seen = options
      return new Promise((_resolve, reject) => options.signal.addEventListener('abort', () => reject(new ApiError(0, 'aborted', 'aborted'))))
    })
    upload.abort()
    await expect(pending).rejects.toThrow('aborted')
    expect(seen?.signal.aborted).toBe(true)
  })

  it('sorts a refused upload into line problems, a sentence, or a cancel', () => {
    const upload = setup()
    expect(upload.refusal(new ApiError(0, 'aborted', 'aborted'))).toBe('aborted')
    expect(upload.refusal(new ApiError(400, 'validation_failed', 'bad lines', { 'line 2: sku': 'is required' }))).toBe('invalid')
    expect(upload.fields.value).toEqual({ 'line 2: sku': 'is required' })
    expect(upload.refusal(new ApiError(413, 'too_large', 'too large'))).toBe('failed')
    expect(upload.failure.value).toContain('too large')
    upload.clearErrors()
    expect(upload.fields.value).toEqual({})
    expect(upload.failure.value).toBe('')
  })
})
