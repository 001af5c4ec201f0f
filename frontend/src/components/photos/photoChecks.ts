// Checks made before a photo is uploaded, and the words for a failed upload: the server
// checks the same (type from the bytes, 12 MiB, 40 megapixels) and stays the authority.
import { ApiError } from '@/api/http'
import { MAX_PHOTO_BYTES } from '@/api/attachments'

/** Why a picked file is not uploaded at all, or null to upload it. */
export function refuseBeforeUpload(file: Pick<File, 'size' | 'type'>): 'tooBig' | 'notImage' | null {
  // Some Android galleries hand over photos without a type: let the server look at the bytes.
  if (file.type && !file.type.startsWith('image/')) return 'notImage'
  if (file.size > MAX_PHOTO_BYTES) return 'tooBig'
  return null
}

/** The photos message key for an upload the server refused, or null for a generic failure. */
export function uploadErrorKey(err: unknown): 'tooBig' | 'notImage' | 'badImage' | null {
  if (!(err instanceof ApiError)) return null
  if (err.status === 413) return 'tooBig'
  if (err.code === 'unsupported_media_type') return 'notImage'
  if (err.code === 'invalid_image') return 'badImage'
  return null
}

/** Whether trying the same file again can help (not for a file the server will refuse again). */
export function canRetry(err: unknown): boolean {
  return uploadErrorKey(err) === null && !(err instanceof ApiError && err.status === 403)
}
