import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, setCsrfTokenSource, setUnauthorizedHandler } from './http'
import { newIdempotencyKey, progressOf, upload, type UploadProgress } from './upload'
import { uploadFeed } from './feeds'
import { importProducts } from './catalog'

/** A stand-in for XMLHttpRequest that records the request and answers on demand. */
class FakeXHR {
  static last: FakeXHR | null = null
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  withCredentials = false
  status = 0
  statusText = ''
  responseText = ''
  responseHeaders: Record<string, string> = {}
  readonly upload = new EventTarget()
  private readonly events = new EventTarget()

  constructor() {
    FakeXHR.last = this
  }

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name] ?? null
  }

  addEventListener(type: string, listener: EventListener): void {
    this.events.addEventListener(type, listener)
  }

  send(body: unknown): void {
    this.body = body
  }

  abort(): void {
    this.events.dispatchEvent(new Event('abort'))
  }

  // Test controls.
  sendProgress(loaded: number, total: number): void {
    this.upload.dispatchEvent(new ProgressEvent('progress', { loaded, total, lengthComputable: true }))
  }

  finishUpload(): void {
    this.upload.dispatchEvent(new ProgressEvent('load'))
  }

  respond(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.status = status
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body)
    this.responseHeaders = headers
    this.events.dispatchEvent(new Event('load'))
  }

  fail(): void {
    this.events.dispatchEvent(new Event('error'))
  }
}

const onUnauthorized = vi.fn()
const IMPORT = '/api/v1/products/import'
const RECEIPTS = '/api/v1/stores/{store_id}/receipts'
const csv = new Blob(['business_date,sku,qty,cost\n2025-03-01,P10001,5,10.00\n'], { type: 'text/csv' })

function xhr(): FakeXHR {
  if (!FakeXHR.last) throw new Error('no request was made')
  return FakeXHR.last
}

beforeEach(() => {
  FakeXHR.last = null
  onUnauthorized.mockReset()
  vi.stubGlobal('XMLHttpRequest', FakeXHR)
  setCsrfTokenSource(() => 'csrf-xyz')
  setUnauthorizedHandler(onUnauthorized)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('upload', () => {
  it('POSTs the file as it is with the CSRF token, cookie and content type', async () => {
    const done = upload(RECEIPTS, { path: { store_id: 1 }, query: { dry_run: true } }, csv, { contentType: 'text/csv' })
    const req = xhr()
    expect(req.method).toBe('POST')
    expect(req.url).toBe('/api/v1/stores/1/receipts?dry_run=true')
    expect(req.body).toBe(csv)
    expect(req.withCredentials).toBe(true)
    expect(req.headers['X-CSRF-Token']).toBe('csrf-xyz')
    expect(req.headers['Content-Type']).toBe('text/csv')
    expect(req.headers.Accept).toBe('application/json')
    req.respond(200, { ok: true })
    await expect(done).resolves.toEqual({ ok: true })
  })

  it('leaves the CSRF header out without a token', async () => {
    setCsrfTokenSource(() => null)
    const done = upload(IMPORT, {}, csv)
    expect(xhr().headers).not.toHaveProperty('X-CSRF-Token')
    xhr().respond(200, {})
    await done
  })

  it('reports the bytes sent, then 100 % once the body is out', async () => {
    const seen: UploadProgress[] = []
    const done = upload(IMPORT, {}, csv, { onProgress: (p) => seen.push(p) })
    xhr().sendProgress(0, 1000)
    xhr().sendProgress(250, 1000)
    xhr().sendProgress(999, 1000)
    xhr().finishUpload()
    xhr().respond(200, {})
    await done
    expect(seen.map((p) => p.percent)).toEqual([0, 25, 99, 100])
    expect(seen[1]).toEqual({ loaded: 250, total: 1000, percent: 25 })
    expect(seen.at(-1)).toEqual({ loaded: csv.size, total: csv.size, percent: 100 })
  })

  it('turns the error model into ApiError with the per-line fields', async () => {
    const done = upload(RECEIPTS, { path: { store_id: 1 } }, csv)
    xhr().respond(400, {
      error: { code: 'validation_failed', message: 'some lines are invalid', fields: { 'line 3.qty': 'must be greater than 0' } },
    })
    const err = await done.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', fields: { 'line 3.qty': 'must be greater than 0' } })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('reads 413 and Retry-After, and copes with a body that is not JSON', async () => {
    const big = upload(IMPORT, {}, csv)
    xhr().respond(413, '<html>too large</html>')
    await expect(big).rejects.toMatchObject({ status: 413, code: 'http_413' })
    const slow = upload(IMPORT, {}, csv)
    xhr().respond(429, { error: { code: 'too_many_requests', message: 'wait' } }, { 'Retry-After': '7' })
    await expect(slow).rejects.toMatchObject({ status: 429, retryAfter: 7 })
  })

  it('reports a 401 to the app', async () => {
    const done = upload(IMPORT, {}, csv)
    xhr().respond(401, { error: { code: 'unauthenticated', message: 'sign in' } })
    await expect(done).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('fails as network_error when the connection drops, and as aborted when cancelled', async () => {
    const lost = upload(IMPORT, {}, csv)
    xhr().fail()
    await expect(lost).rejects.toMatchObject({ status: 0, code: 'network_error' })
    const controller = new AbortController()
    const cancelled = upload(IMPORT, {}, csv, { signal: controller.signal })
    controller.abort()
    await expect(cancelled).rejects.toMatchObject({ status: 0, code: 'aborted' })
  })
})

describe('feed and product uploads', () => {
  it('send an Idempotency-Key: the given one, or a fresh one each time', async () => {
    const first = uploadFeed('receipts', 3, csv, { idempotencyKey: 'key-1' })
    expect(xhr().url).toBe('/api/v1/stores/3/receipts')
    expect(xhr().headers['Idempotency-Key']).toBe('key-1')
    expect(xhr().headers['Content-Type']).toBe('text/csv')
    xhr().respond(200, { import_id: 1, replayed: false })
    await first

    const keys: string[] = []
    for (const kind of ['sales', 'labour'] as const) {
      const done = uploadFeed(kind, 3, csv)
      keys.push(xhr().headers['Idempotency-Key']!)
      xhr().respond(200, {})
      await done
    }
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[0]).not.toBe(keys[1])
  })

  it('run a product dry run with ?dry_run=true and no Idempotency-Key', async () => {
    const done = importProducts(csv, { dryRun: true })
    expect(xhr().url).toBe('/api/v1/products/import?dry_run=true')
    expect(xhr().headers).not.toHaveProperty('Idempotency-Key')
    xhr().respond(200, { lines: 1, created: 1, updated: 0, unchanged: 0, dry_run: true })
    await expect(done).resolves.toMatchObject({ dry_run: true })
  })
})

describe('newIdempotencyKey', () => {
  const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('is a v4 UUID, different every time', () => {
    const a = newIdempotencyKey()
    expect(a).toMatch(V4)
    expect(newIdempotencyKey()).not.toBe(a)
  })

  it('works without crypto.randomUUID (plain HTTP on a LAN)', () => {
    const original = crypto.randomUUID
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
    try {
      expect(newIdempotencyKey()).toMatch(V4)
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true })
    }
  })
})

describe('progressOf', () => {
  it('never passes 100 and is 0 for an unknown total', () => {
    expect(progressOf(5, 4).percent).toBe(100)
    expect(progressOf(5, 0).percent).toBe(0)
  })
})
