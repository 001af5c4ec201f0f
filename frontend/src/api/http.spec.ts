import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, call, downloadUrl, RETRIES_AFTER_503, serializeQuery, setCsrfTokenSource, setUnauthorizedHandler } from './http'
import { compactQuery, type QueryOf } from './types'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

const fetchMock = vi.fn<typeof fetch>()
const onUnauthorized = vi.fn()

/** The request the client last sent (openapi-fetch hands fetch a Request). */
function lastRequest(): Request {
  const call = fetchMock.mock.calls.at(-1)
  if (!call) throw new Error('fetch was not called')
  return call[0] as Request
}

beforeEach(() => {
  fetchMock.mockReset()
  onUnauthorized.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  setCsrfTokenSource(() => 'token-123')
  setUnauthorizedHandler(onUnauthorized)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const store = { params: { path: { store_id: 1 } } }
const writes: [string, () => Promise<unknown>][] = [
  ['POST', () => call(api.POST('/api/v1/auth/logout'))],
  ['PUT', () => call(api.PUT('/api/v1/stores/{store_id}/departments', { ...store, body: { department_codes: [] } }))],
  ['PATCH', () => call(api.PATCH('/api/v1/stores/{store_id}', { ...store, body: { version: 1 } }))],
]

describe('call', () => {
  it.each(writes)('sends X-CSRF-Token on %s', async (method, send) => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await send()
    expect(lastRequest().method).toBe(method)
    expect(lastRequest().headers.get('X-CSRF-Token')).toBe('token-123')
  })

  it('does not send X-CSRF-Token on GET', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], page: 1, page_size: 20, total: 0 }))
    await call(api.GET('/api/v1/stores'))
    expect(lastRequest().headers.has('X-CSRF-Token')).toBe(false)
  })

  it('leaves the header out when there is no token yet', async () => {
    setCsrfTokenSource(() => null)
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await call(api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } }))
    expect(lastRequest().headers.has('X-CSRF-Token')).toBe(false)
  })

  it('sends the cookie, JSON body and query under /api/v1 and answers the data', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 7 }))
    const result = await call(
      api.POST('/api/v1/stores/{store_id}/stocktakes', { ...store, body: { scope: 'full', blind: true, zones: ['冷库'] } }),
    )
    expect(result).toEqual({ id: 7 })
    const request = lastRequest()
    expect(new URL(request.url).pathname).toBe('/api/v1/stores/1/stocktakes')
    expect(request.credentials).toBe('same-origin')
    expect(request.method).toBe('POST')
    expect(await request.json()).toEqual({ scope: 'full', blind: true, zones: ['冷库'] })
    expect(request.headers.get('Content-Type')).toBe('application/json')
    expect(request.headers.get('Accept')).toBe('application/json')
  })

  it('leaves unset filters out of the query', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], page: 2, page_size: 20, total: 0 }))
    await call(api.GET('/api/v1/users', { params: { query: compactQuery<QueryOf<'/api/v1/users'>>({ q: 'li ming', role: '', store_id: null, page: 2 }) } }))
    expect(new URL(lastRequest().url).search).toBe('?q=li+ming&page=2')
  })

  it('answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(call(api.POST('/api/v1/auth/logout'))).resolves.toBeUndefined()
  })

  it('parses the error model into ApiError with fields', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: { code: 'validation_failed', message: 'invalid input', fields: { username: 'is taken', store_id: 'required' } },
      }),
    )
    const body = { username: '', display_name: '', role: 'supervisor', password: '' } as const
    const err = await call(api.POST('/api/v1/users', { body })).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'invalid input',
      fields: { username: 'is taken', store_id: 'required' },
    })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('reads Retry-After on 429', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(429, { error: { code: 'too_many_requests', message: 'slow down' } }, { 'Retry-After': '30' }),
    )
    const login = api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } })
    const err = await call(login, { notifyUnauthorized: false }).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 429, code: 'too_many_requests', retryAfter: 30 })
  })

  it('copes with an error body that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = await call(api.GET('/api/v1/me')).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway', fields: {} })
  })

  it('turns a network failure into ApiError status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await call(api.GET('/api/v1/me')).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 0, code: 'network_error' })
  })

  it('reports a 401 to the unauthorized handler', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: 'sign in' } }))
    await expect(call(api.GET('/api/v1/users'))).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('keeps quiet about a 401 when asked to', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'invalid_credentials', message: 'no' } }))
    const login = api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } })
    await expect(call(login, { notifyUnauthorized: false })).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not call the unauthorized handler for 403', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, { error: { code: 'forbidden', message: 'no' } }))
    const patch = api.PATCH('/api/v1/users/{user_id}', { params: { path: { user_id: 1 } }, body: { version: 1 } })
    await expect(call(patch)).rejects.toMatchObject({ status: 403, code: 'forbidden' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('serializeQuery', () => {
  it('drops empty values, repeats arrays and encodes the rest', () => {
    expect(serializeQuery({ q: 'li ming', role: '', store_id: null, disabled: false, page: undefined, sku: ['A', 'B'] })).toBe(
      'q=li+ming&disabled=false&sku=A&sku=B',
    )
  })
})

describe('downloadUrl', () => {
  it('fills in and encodes path parameters, relative to the page', () => {
    expect(downloadUrl('/api/v1/stocktakes/{stocktake_id}/sheet', { path: { stocktake_id: 7 }, query: { zone: '冷库' } })).toBe(
      '/api/v1/stocktakes/7/sheet?zone=%E5%86%B7%E5%BA%93',
    )
  })

  it('has no question mark without a query', () => {
    expect(downloadUrl('/api/v1/products/export', {})).toBe('/api/v1/products/export')
  })
})

describe('503 answers', () => {
  const unavailable = () =>
    jsonResponse(503, { error: { code: 'database_unavailable', message: 'try again' } }, { 'Retry-After': '1' })

  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks a read again after Retry-After, unseen by the caller', async () => {
    fetchMock.mockResolvedValueOnce(unavailable()).mockResolvedValueOnce(jsonResponse(200, { id: 1 }))
    const pending = call(api.GET('/api/v1/stores/{store_id}', store))
    await vi.advanceTimersByTimeAsync(1000)
    await expect(pending).resolves.toEqual({ id: 1 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('gives up on a read after a few tries and says so', async () => {
    fetchMock.mockImplementation(async () => unavailable())
    const pending = call(api.GET('/api/v1/stores/{store_id}', store))
    const seen = expect(pending).rejects.toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: 1 })
    await vi.advanceTimersByTimeAsync(1000 * (RETRIES_AFTER_503 + 1))
    await seen
    expect(fetchMock).toHaveBeenCalledTimes(RETRIES_AFTER_503 + 1)
  })

  it('sends a write again only when the server says nothing was changed', async () => {
    fetchMock.mockResolvedValueOnce(unavailable()).mockResolvedValueOnce(jsonResponse(200, { id: 1 }))
    const pending = call(api.PATCH('/api/v1/stores/{store_id}', { ...store, body: { version: 1 } }))
    await vi.advanceTimersByTimeAsync(1000)
    await expect(pending).resolves.toEqual({ id: 1 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(lastRequest().method).toBe('PATCH')
    expect(lastRequest().headers.get('X-CSRF-Token')).toBe('token-123')
    expect(await lastRequest().json()).toEqual({ version: 1 })
  })

  it('never sends a write twice that may have been saved', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(503, { error: { code: 'commit_unknown', message: 'may be saved' } }, { 'Retry-After': '1' }),
    )
    await expect(call(api.POST('/api/v1/auth/logout'))).rejects.toMatchObject({ status: 503, code: 'commit_unknown' })
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })
})
