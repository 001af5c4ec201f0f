// The typed client of the StoreOps REST API (/api/v1). Paths, parameters, bodies and answers
// come from api/openapi.yaml through the generated schema.d.ts (`npm run gen:api`) and
// openapi-fetch, so a call the contract does not have, or a body of the wrong shape, is a
// compile error. The client sends the session cookie, adds the CSRF header on writes, turns
// the server's error model into ApiError and reports 401s to one handler.
import createClient, { createFinalURL, defaultPathSerializer } from 'openapi-fetch'
import type { paths } from './schema'
import type { ParamsOf, PathWith } from './types'

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

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

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

/** The CSRF token writes must carry, for clients other than `api` (uploads). */
export function csrfToken(): string | null {
  return csrfTokenSource()
}

/** Tells the app a call answered 401, for clients other than `api` (uploads). */
export function reportUnauthorized(): void {
  unauthorizedHandler()
}

/**
 * The query string of a call: empty values (undefined, null, '') are left out, so a cleared
 * filter is simply not sent; arrays repeat the name (`form`, exploded, as the spec's default).
 */
export function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one === undefined || one === null || one === '') continue
      params.append(key, String(one))
    }
  }
  return params.toString()
}

/** The address of an operation with its path and query parameters filled in, e.g. for uploads. */
export function operationUrl<M extends 'get' | 'post', P extends PathWith<M>>(path: P, params: ParamsOf<P, M>): string {
  const { path: pathParams, query } = params as { path?: Record<string, unknown>; query?: Record<string, unknown> }
  return createFinalURL(path, {
    baseUrl: '',
    params: { path: pathParams, query },
    querySerializer: serializeQuery,
    pathSerializer: defaultPathSerializer,
  })
}

/** The address of a download (CSV/XLSX export, printable sheet): a plain GET opened by the browser. */
export function downloadUrl<P extends PathWith<'get'>>(path: P, params: ParamsOf<P, 'get'>): string {
  return operationUrl<'get', P>(path, params)
}

/**
 * The generated client, reading JSON answers only (exports and sheets are downloads, not calls):
 * `api.GET('/api/v1/stores/{store_id}', { params: { path: { store_id } } })`.
 * Wrap its answers in `call()` to get the data or an ApiError.
 */
export const api = createClient<paths, 'application/json'>({
  // openapi-fetch builds a Request, which needs an absolute address outside a page (unit
  // tests); in the browser this is the page's own origin.
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: serializeQuery,
  // Looked up at each call rather than captured once, so tests can replace fetch.
  fetch: (request) => fetchRetrying(request),
})

/** How often a request answered 503 is sent again, and the longest Retry-After waited for. */
export const RETRIES_AFTER_503 = 2
const MAX_RETRY_WAIT_SECONDS = 5

/** 503 codes by which the server says nothing was changed, so a write may be sent again. */
const NOTHING_CHANGED = new Set(['database_unavailable', 'busy', 'unavailable'])

/**
 * Sends the request and asks again after Retry-After, at most RETRIES_AFTER_503 times, when the
 * server answers 503 for a moment (it lost its database, as when a cluster node fails over,
 * or the change lost to others): a read on any 503, a write only when the answer says nothing
 * was changed. So the user sees nothing of it. A `commit_unknown` write is never sent again
 * here: the change may be saved, which only the user can check.
 */
async function fetchRetrying(request: Request): Promise<Response> {
  const read = request.method === 'GET' || request.method === 'HEAD'
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= RETRIES_AFTER_503
    const response = await globalThis.fetch(last ? request : request.clone())
    if (response.status !== 503 || last) return response
    if (!read && !NOTHING_CHANGED.has(await errorCode(response.clone()))) return response
    const wait = parseRetryAfter(response.headers.get('Retry-After')) ?? 1
    if (wait > MAX_RETRY_WAIT_SECONDS) return response
    await new Promise((resolve) => setTimeout(resolve, wait * 1000))
  }
}

async function errorCode(response: Response): Promise<string> {
  try {
    const body: unknown = await response.json()
    const error = isRecord(body) ? body.error : undefined
    return isRecord(error) && typeof error.code === 'string' ? error.code : ''
  } catch {
    return ''
  }
}

api.use({
  onRequest({ request }) {
    if (!WRITE_METHODS.has(request.method)) return undefined
    const token = csrfTokenSource()
    if (token) request.headers.set('X-CSRF-Token', token)
    return request
  },
})

/** What openapi-fetch answers: the data of a 2xx, or the error body, and the response. */
interface Answer<D> {
  data?: D
  error?: unknown
  response: Response
}

export interface CallOptions {
  /**
   * Set to false on calls where a 401 is an expected answer (login, the first /me),
   * so the global "session ended" handler is not triggered.
   */
  notifyUnauthorized?: boolean
}

/** Awaits a call of `api` and answers its data (undefined for 204), or throws ApiError. */
export async function call<D>(pending: Promise<Answer<D>>, options: CallOptions = {}): Promise<[D] extends [never] ? void : D> {
  let answer: Answer<D>
  try {
    answer = await pending
  } catch (cause) {
    // fetch rejects when the network fails; JSON.parse throws on a 2xx body that is not JSON.
    if (cause instanceof SyntaxError) throw new ApiError(0, 'bad_response', 'the server answered something that is not JSON')
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : String(cause))
  }
  const { response } = answer
  if (!response.ok) {
    const error = errorFrom(response, answer.error)
    if (error.status === 401 && options.notifyUnauthorized !== false) unauthorizedHandler()
    throw error
  }
  return answer.data as [D] extends [never] ? void : D
}

/** Reads the `{"error": {...}}` body of a failed response; tolerates non-JSON bodies. */
export async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = JSON.parse(await response.text())
  } catch {
    // A proxy or crash page: keep the status-based code and message.
  }
  return errorFrom(response, body)
}

/** The ApiError of a failed response whose body has been read already (`body` parsed or raw). */
function errorFrom(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
  let code = `http_${response.status}`
  let message = response.statusText || `HTTP ${response.status}`
  let fields: FieldErrors = {}
  const err = isRecord(body) && isRecord(body.error) ? body.error : null
  if (err) {
    if (typeof err.code === 'string') code = err.code
    if (typeof err.message === 'string') message = err.message
    if (isRecord(err.fields)) fields = stringFields(err.fields)
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
