import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildUrl, request, setCsrfTokenSource, setUnauthorizedHandler, type Method } from './http'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

const fetchMock = vi.fn<typeof fetch>()
const onUnauthorized = vi.fn()

function lastInit(): RequestInit {
  const call = fetchMock.mock.calls.at(-1)
  if (!call) throw new Error('fetch was not called')
  return call[1] ?? {}
}

function lastHeaders(): Record<string, string> {
  return lastInit().headers as Record<string, string>
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

describe('request', () => {
  it.each<Method>(['POST', 'PUT', 'PATCH', 'DELETE'])('sends X-CSRF-Token on %s', async (method) => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await request(method, '/things/1', { body: { a: 1 } })
    expect(lastHeaders()['X-CSRF-Token']).toBe('token-123')
  })

  it('does not send X-CSRF-Token on GET', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }))
    await request('GET', '/things')
    expect(lastHeaders()).not.toHaveProperty('X-CSRF-Token')
  })

  it('leaves the header out when there is no token yet', async () => {
    setCsrfTokenSource(() => null)
    fetchMock.mockResolvedValue(jsonResponse(200, {}))
    await request('POST', '/auth/login', { body: { username: 'a' } })
    expect(lastHeaders()).not.toHaveProperty('X-CSRF-Token')
  })

  it('sends the cookie, JSON body and query under /api/v1', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 7 }))
    const result = await request<{ id: number }>('POST', '/stores', { body: { code: 'S1' }, query: { page: 2 } })
    expect(result).toEqual({ id: 7 })
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/stores?page=2')
    const init = lastInit()
    expect(init.credentials).toBe('same-origin')
    expect(init.method).toBe('POST')
    expect(init.body).toBe('{"code":"S1"}')
    expect(lastHeaders()['Content-Type']).toBe('application/json')
  })

  it('answers undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(request('POST', '/auth/logout')).resolves.toBeUndefined()
  })

  it('parses the error model into ApiError with fields', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: { code: 'validation_failed', message: 'invalid input', fields: { username: 'is taken', store_id: 'required' } },
      }),
    )
    const err = await request('POST', '/users', { body: {} }).catch((e: unknown) => e)
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
    const err = await request('POST', '/auth/login', { body: {}, notifyUnauthorized: false }).catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 429, code: 'too_many_requests', retryAfter: 30 })
  })

  it('copes with an error body that is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = await request('GET', '/me').catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 502, code: 'http_502', message: 'Bad Gateway', fields: {} })
  })

  it('turns a network failure into ApiError status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await request('GET', '/me').catch((e: unknown) => e)
    expect(err).toMatchObject({ status: 0, code: 'network_error' })
  })

  it('reports a 401 to the unauthorized handler', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: 'sign in' } }))
    await expect(request('GET', '/users')).rejects.toMatchObject({ status: 401 })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('keeps quiet about a 401 when asked to', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'invalid_credentials', message: 'no' } }))
    await expect(request('POST', '/auth/login', { body: {}, notifyUnauthorized: false })).rejects.toMatchObject({
      code: 'invalid_credentials',
    })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })

  it('does not call the unauthorized handler for 403', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, { error: { code: 'forbidden', message: 'no' } }))
    await expect(request('PATCH', '/users/1', { body: {} })).rejects.toMatchObject({ status: 403, code: 'forbidden' })
    expect(onUnauthorized).not.toHaveBeenCalled()
  })
})

describe('buildUrl', () => {
  it('drops empty values and encodes the rest', () => {
    expect(buildUrl('/users', { q: 'li ming', role: '', store_id: null, disabled: false, page: undefined })).toBe(
      '/api/v1/users?q=li+ming&disabled=false',
    )
  })

  it('has no question mark without a query', () => {
    expect(buildUrl('/me')).toBe('/api/v1/me')
  })
})
