// The photos of one form: each picked file is uploaded at once (so a slow shop Wi-Fi works
// while the user fills in the rest), with its progress, a retry after a failure, and
// removal (which cancels a running upload). The ids of the finished uploads, in the order
// picked, are the v-model the form sends as `photos`.
import { onBeforeUnmount, reactive, watch, type Ref } from 'vue'
import { thumbnailUrl, uploadPhoto } from '@/api/attachments'
import { canRetry, refuseBeforeUpload, uploadErrorKey } from './photoChecks'

export type PhotoStatus = 'uploading' | 'done' | 'failed'

export interface PhotoItem {
  key: number
  /** The picked file; null for a photo the form already had (an id in the v-model). */
  file: File | null
  /** What to show: a local preview while uploading, the server's thumbnail once done. */
  src: string | null
  status: PhotoStatus
  percent: number
  id: number | null
  /** A `photos.*` message key, or null with `error` for other failures. */
  errorKey: 'tooBig' | 'notImage' | 'badImage' | null
  error: unknown
  retryable: boolean
}

let nextKey = 1

export function usePhotoUploads(model: Ref<number[]>, busy: Ref<boolean>) {
  const items = reactive<PhotoItem[]>([])
  const controllers = new Map<number, AbortController>()
  const previews = new Map<number, string>()

  const doneIds = () => items.filter((it) => it.status === 'done' && it.id !== null).map((it) => it.id!)

  function publish(): void {
    const ids = doneIds()
    if (ids.join() !== model.value.join()) model.value = ids
    busy.value = items.some((it) => it.status === 'uploading')
  }

  function dropPreview(key: number): void {
    const url = previews.get(key)
    if (url) URL.revokeObjectURL(url)
    previews.delete(key)
  }

  async function send(item: PhotoItem): Promise<void> {
    const controller = new AbortController()
    controllers.set(item.key, controller)
    Object.assign(item, { status: 'uploading', percent: 0, errorKey: null, error: null, retryable: false })
    publish()
    try {
      const attachment = await uploadPhoto(item.file!, {
        signal: controller.signal,
        onProgress: (p) => (item.percent = p.percent),
      })
      Object.assign(item, { status: 'done', percent: 100, id: attachment.id, src: thumbnailUrl(attachment.id) })
      dropPreview(item.key)
    } catch (err) {
      if (controller.signal.aborted) return // removed meanwhile
      Object.assign(item, { status: 'failed', errorKey: uploadErrorKey(err), error: err, retryable: canRetry(err) })
    } finally {
      controllers.delete(item.key)
      publish()
    }
  }

  /** Adds picked files (at most `room` of them); answers how many were left out. */
  function add(files: readonly File[], room: number): number {
    const taken = files.slice(0, Math.max(0, room))
    for (const file of taken) {
      const key = nextKey++
      const preview = typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null
      if (preview) previews.set(key, preview)
      const refused = refuseBeforeUpload(file)
      items.push({ key, file, src: preview, status: refused ? 'failed' : 'uploading', percent: 0, id: null, errorKey: refused, error: null, retryable: false })
      // Through the reactive array, so progress updates reach the view.
      if (!refused) void send(items[items.length - 1]!)
    }
    publish()
    return files.length - taken.length
  }

  function retry(item: PhotoItem): void {
    if (item.file && item.status === 'failed' && item.retryable) void send(item)
  }

  function remove(item: PhotoItem): void {
    controllers.get(item.key)?.abort()
    dropPreview(item.key)
    const index = items.indexOf(item)
    if (index >= 0) items.splice(index, 1)
    publish()
  }

  // Ids set by the form (a record being edited, or [] after a submit) are taken over.
  watch(
    model,
    (ids) => {
      if (ids.join() === doneIds().join()) return
      for (const item of [...items]) if (item.status === 'done' && !ids.includes(item.id!)) remove(item)
      for (const id of ids) {
        if (!items.some((it) => it.id === id)) {
          items.push({ key: nextKey++, file: null, src: thumbnailUrl(id), status: 'done', percent: 100, id, errorKey: null, error: null, retryable: false })
        }
      }
    },
    { immediate: true },
  )

  onBeforeUnmount(() => {
    for (const controller of controllers.values()) controller.abort()
    for (const key of [...previews.keys()]) dropPreview(key)
  })

  return { items, add, retry, remove }
}
