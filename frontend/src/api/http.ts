// A small typed wrapper around fetch for the StoreOps REST API (/api/v1).
// It sends the session cookie, adds the CSRF header on writes, turns the
// server's error model into ApiError and reports 401s to one handler.

export const API_BASE = '/api/v1'

/** Field name → message, as sent in `error.fields` by the server. */
export type FieldErrors = Record<string, string>

/** A failed API call: HTTP status plus the server's error code, message and field errors. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldErrors
  /** Seconds from a Retry-After header (429), when the server sent one. */
  readonly retryAfter: number | null

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}, retryAfter: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.retryAfter = retryAfter
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /**
   * Set to false on calls where a 401 is an expected answer (login, the first /me),
   * so the global "session ended" handler is not triggered.
   */
  notifyUnauthorized?: boolean
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>
}

const WRITE_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfTokenSource: () => string | null = () => null
let unauthorizedHandler: () => void = () => {}

/** Tells the client where to read the CSRF token that writes must carry. */
export function setCsrfTokenSource(source: () => string | null): void {
  csrfTokenSource = source
}

/** Registers what happens when any call answers 401 (clear the session, go to login). */
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler
}

/** The CSRF token writes must carry, for clients other than `request` (uploads). */
export function csrfToken(): string | null {
  return csrfTokenSource()
}

/** Tells the app a call answered 401, for clients other than `request` (uploads). */
export function reportUnauthorized(): void {
  unauthorizedHandler()
}

/** Builds `/api/v1<path>?…`, leaving out empty query values. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`
}

/** Sends one request and returns the parsed JSON body (undefined for 204). */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
  const init: RequestInit = { method, credentials: 'same-origin', headers }
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  if (WRITE_METHODS.has(method)) {
    const token = csrfTokenSource()
    if (token) headers['X-CSRF-Token'] = token
  }

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), init)
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause))
  }

  if (!response.ok) {
    const error = await parseError(response)
    if (error.status === 401 && options.notifyUnauthorized !== false) unauthorizedHandler()
    throw error
  }
  if (response.status === 204) return undefined as T
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** Reads the `{"error": {...}}` body of a failed response; tolerates non-JSON bodies. */
export async function parseError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
  let code = `http_${response.status}`
  let message = response.statusText || `HTTP ${response.status}`
  let fields: FieldErrors = {}
  try {
    const body: unknown = JSON.parse(await response.text())
    const err = isRecord(body) && isRecord(body.error) ? body.error : null
    if (err) {
      if (typeof err.code === 'string') code = err.code
      if (typeof err.message === 'string') message = err.message
      if (isRecord(err.fields)) fields = stringFields(err.fields)
    }
  } catch {
    // A proxy or crash page: keep the status-based code and message.
  }
  return new ApiError(response.status, code, message, fields, retryAfter)
}

function parseRetryAfter(value: string | null): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringFields(raw: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {}
  for (const [key, value] of Object.entries(raw)) out[key] = String(value)
  return out
}

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
}
