// The state of one CSV upload, shared by the product import and the feed upload: the picked
// file, the progress bar, cancelling, and a refused upload sorted into per-line problems
// (shown in ImportErrorTable) or one sentence. The page keeps its own steps.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError, type FieldErrors } from '@/api/http'
import { progressOf, type UploadProgress } from '@/api/upload'
import { useApiError } from '@/composables/useApiError'

/** What an upload call needs from the composable. */
export interface UploadCallOptions {
  signal: AbortSignal
  onProgress: (progress: UploadProgress) => void
}

/** How a refused upload ended: cancelled, per-line problems in `fields`, or `failure`. */
export type Refusal = 'aborted' | 'invalid' | 'failed'

export function useUpload() {
  const { t } = useI18n()
  const { describe } = useApiError()

  const file = shallowRef<File | null>(null)
  const progress = ref<UploadProgress>(progressOf(0, 0))
  const fields = ref<FieldErrors>({})
  const failure = ref('')
  let controller: AbortController | null = null

  function clearErrors(): void {
    fields.value = {}
    failure.value = ''
  }

  /** Sends `file` through `call` with the progress bar reset and a signal `abort` stops. */
  async function send<R>(picked: File, call: (file: File, options: UploadCallOptions) => Promise<R>): Promise<R> {
    controller = new AbortController()
    progress.value = progressOf(0, picked.size)
    try {
      return await call(picked, { signal: controller.signal, onProgress: (p) => (progress.value = p) })
    } finally {
      controller = null
    }
  }

  function abort(): void {
    controller?.abort()
  }

  /** Sorts an error of `send`, filling `fields` or `failure`. */
  function refusal(err: unknown): Refusal {
    if (err instanceof ApiError && err.code === 'aborted') return 'aborted'
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
      fields.value = err.fields
      return 'invalid'
    }
    failure.value = err instanceof ApiError && err.status === 413 ? t('imports.tooLarge') : describe(err)
    return 'failed'
  }

  return { file, progress, fields, failure, clearErrors, send, abort, refusal }
}
