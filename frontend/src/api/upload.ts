// File uploads with progress. fetch() cannot report how much of a request body has been
// sent, so uploads go through XMLHttpRequest; the headers, the CSRF token, the error model
// and the 401 handling are the same as in http.ts, and the path, parameters and answer are
// typed from the contract as there.
import { ApiError, csrfToken, operationUrl, parseError, reportUnauthorized } from './http'
import type { OkJson, ParamsOf, PathWith } from './types'

export interface UploadProgress {
  /** Bytes sent so far. */
  loaded: number
  /** Bytes to send (0 when the browser does not know). */
  total: number
  /** 0–100, whole numbers. */
  percent: number
}

export interface UploadOptions {
  /** The body's type; CSV files go as `text/csv`. */
  contentType?: string
  /** Called as the body goes out, and once more at 100 % when all of it has been sent. */
  onProgress?: (progress: UploadProgress) => void
  signal?: AbortSignal
}

export function progressOf(loaded: number, total: number): UploadProgress {
  const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0
  return { loaded, total, percent }
}

/**
 * POSTs `body` as it is (no multipart) to an operation of the contract and answers the
 * parsed JSON of a 2xx response; `params` holds its path, query and header parameters
 * (e.g. `Idempotency-Key`).
 */
export function upload<P extends PathWith<'post'>>(
  path: P,
  params: ParamsOf<P, 'post'>,
  body: Blob,
  options: UploadOptions = {},
): Promise<OkJson<P, 'post'>> {
  type T = OkJson<P, 'post'>
  const headers = (params as { header?: Record<string, string | undefined> }).header ?? {}
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', operationUrl<'post', P>(path, params))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Content-Type', options.contentType ?? (body.type || 'application/octet-stream'))
    const token = csrfToken()
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    for (const [name, value] of Object.entries(headers)) if (value !== undefined) xhr.setRequestHeader(name, value)

    const onProgress = options.onProgress
    if (onProgress) {
      xhr.upload.addEventListener('progress', (event) => {
        onProgress(progressOf(event.loaded, event.lengthComputable ? event.total : body.size))
      })
      xhr.upload.addEventListener('load', () => onProgress(progressOf(body.size, body.size)))
    }

    const abort = () => xhr.abort()
    options.signal?.addEventListener('abort', abort, { once: true })
    const done = () => options.signal?.removeEventListener('abort', abort)

    xhr.addEventListener('load', () => {
      done()
      void settle(xhr).then(resolve as (value: unknown) => void, reject)
    })
    xhr.addEventListener('error', () => {
      done()
      reject(new ApiError(0, 'network_error', 'the upload failed: the connection was lost'))
    })
    xhr.addEventListener('abort', () => {
      done()
      reject(new ApiError(0, 'aborted', 'the upload was cancelled'))
    })
    if (options.signal?.aborted) {
      xhr.abort()
      return
    }
    xhr.send(body)
  })
}

async function settle(xhr: XMLHttpRequest): Promise<unknown> {
  const text = xhr.responseText
  if (xhr.status >= 200 && xhr.status < 300) {
    if (!text) return undefined
    try {
      return JSON.parse(text) as unknown
    } catch {
      throw new ApiError(xhr.status, 'bad_response', 'the server answered something that is not JSON')
    }
  }
  const headers = new Headers()
  const retryAfter = xhr.getResponseHeader('Retry-After')
  if (retryAfter) headers.set('Retry-After', retryAfter)
  const status = xhr.status >= 200 && xhr.status <= 599 ? xhr.status : 500
  const error = await parseError(new Response(text, { status, statusText: xhr.statusText, headers }))
  if (error.status === 401) reportUnauthorized()
  throw error
}

/**
 * A random UUID (v4) for the `Idempotency-Key` header. crypto.randomUUID needs a secure
 * context (HTTPS or localhost); getRandomValues works on plain HTTP on a shop's LAN too.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') {
    try {
      return crypto.randomUUID()
    } catch {
      // Not a secure context: fall through.
    }
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  bytes[6] = (bytes[6]! & 0x0f) | 0x40
  bytes[8] = (bytes[8]! & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
