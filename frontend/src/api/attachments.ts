// Photos (POST /api/v1/attachments): uploaded one by one before the record they belong to
// exists; the record's create or complete request then lists their ids in `photos`.
import { downloadUrl } from './http'
import type { Schema } from './types'
import { newIdempotencyKey, upload, type UploadOptions } from './upload'

/** An uploaded image as the server stored it (upright, without metadata). */
export type Attachment = Schema<'Attachment'>

/** The server refuses bigger files with 413; checked here first to save the upload. */
export const MAX_PHOTO_BYTES = 12 * 1024 * 1024

/** Where the JPEG thumbnail (longest side ≤ 320 px) of an attachment is served. */
export function thumbnailUrl(id: number): string {
  return downloadUrl('/api/v1/attachments/{attachment_id}/thumbnail', { path: { attachment_id: id } })
}

/**
 * The file as a multipart/form-data body with the one part `file`. Built as a Blob rather
 * than a FormData so that upload() can report progress against a known size and send the
 * content type (with its boundary) itself.
 */
export function multipartBody(file: Blob, fileName: string): { body: Blob; contentType: string } {
  const boundary = `----storeops-${newIdempotencyKey()}`
  // Quotes and line breaks would end the header early; the server ignores the name anyway.
  const name = (fileName || 'photo').replace(/["\r\n\\]/g, '_')
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
    `Content-Type: ${file.type || 'application/octet-stream'}\r\n\r\n`
  return { body: new Blob([head, file, `\r\n--${boundary}--\r\n`]), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** Uploads one photo with progress; answers the stored attachment. */
export function uploadPhoto(file: File, options: Pick<UploadOptions, 'onProgress' | 'signal'> = {}): Promise<Attachment> {
  const { body, contentType } = multipartBody(file, file.name)
  return upload('/api/v1/attachments', {}, body, { ...options, contentType })
}
