// @vitest-environment node
// Holds the typed client to the REST contract: every call it can make must be an
// operation of api/openapi.yaml (same path template and method).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { authApi } from './auth'
import { departmentsApi, storesApi, usersApi } from './org'
import { auditApi } from './audit'
import { importProducts, productsApi, productsExportUrl } from './catalog'
import { inventoryApi } from './inventory'
import { FEED_KINDS, feedsApi, uploadFeed } from './feeds'
import { budgetsApi, budgetsExportUrl } from './budgets'
import { breakdownExportUrl, kpisApi, kpisExportUrl, rankingExportUrl } from './kpis'
import { stocktakeSheetUrl, stocktakesApi } from './stocktakes'

const SPEC = fileURLToPath(new URL('../../../api/openapi.yaml', import.meta.url))

/** `METHOD /path/{param}` for every operation under `paths:` (a small indentation reader). */
function specOperations(yaml: string): Set<string> {
  const ops = new Set<string>()
  let inPaths = false
  let current = ''
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:')
    if (!inPaths) continue
    const path = /^ {2}(\/\S*):\s*$/.exec(line)
    if (path) current = path[1]!
    const method = /^ {4}(get|post|put|patch|delete):/.exec(line)
    if (method && current) ops.add(`${method[1]!.toUpperCase()} ${current}`)
  }
  return ops
}

function matches(call: string, operation: string): boolean {
  const [method, path] = call.split(' ')
  const [opMethod, template] = operation.split(' ')
  if (method !== opMethod) return false
  const pattern = new RegExp(`^${template!.replace(/\{[^}]+\}/g, '[^/]+')}$`)
  return pattern.test(path!)
}

type AnyCall = (...args: unknown[]) => Promise<unknown>
const clients = { authApi, storesApi, departmentsApi, usersApi, auditApi, productsApi, inventoryApi, feedsApi, budgetsApi, kpisApi, stocktakesApi } as unknown as Record<
  string,
  Record<string, AnyCall>
>

const calls: { name: string; call: string }[] = []

/** Uploads go through XMLHttpRequest (for progress): record them and answer 200. */
class RecordingXHR {
  private method = ''
  private url = ''
  private readonly events = new EventTarget()
  readonly upload = new EventTarget()
  status = 0
  statusText = ''
  responseText = ''
  withCredentials = false
  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }
  setRequestHeader(): void {}
  getResponseHeader(): null {
    return null
  }
  addEventListener(type: string, listener: EventListener): void {
    this.events.addEventListener(type, listener)
  }
  abort(): void {}
  send(): void {
    calls.push({ name: '', call: `${this.method} ${new URL(this.url, 'http://localhost').pathname}` })
    this.status = 200
    this.responseText = '{}'
    queueMicrotask(() => this.events.dispatchEvent(new Event('load')))
  }
}

const uploads: [string, () => Promise<unknown>][] = [
  ['importProducts', () => importProducts(new Blob(['sku\n']), { dryRun: true })],
  ...FEED_KINDS.map((kind): [string, () => Promise<unknown>] => [`uploadFeed(${kind})`, () => uploadFeed(kind, 7, new Blob(['x\n']))]),
]

beforeAll(async () => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const path = new URL(url, 'http://localhost').pathname
      calls.push({ name: '', call: `${init.method} ${path}` })
      return new Response('{}', { status: 200 })
    }),
  )
  for (const [clientName, client] of Object.entries(clients)) {
    for (const [fnName, fn] of Object.entries(client)) {
      await fn(7, { version: 1 })
      calls[calls.length - 1]!.name = `${clientName}.${fnName}`
    }
  }
  vi.stubGlobal('XMLHttpRequest', RecordingXHR)
  for (const [name, send] of uploads) {
    await send()
    calls[calls.length - 1]!.name = name
  }
  const downloads: [string, string][] = [
    ['productsExportUrl', productsExportUrl({ q: 'x' })],
    ['budgetsExportUrl', budgetsExportUrl(7, '2026-11', 'xlsx', 'zh-CN')],
    ['kpisExportUrl', kpisExportUrl(7, { from: '2026-11-01', to: '2026-11-25' }, 'csv', 'en')],
    ['breakdownExportUrl', breakdownExportUrl(7, 'sales', {}, 'csv', 'en')],
    ['rankingExportUrl', rankingExportUrl({ month: '2026-11', kpi: 'sales' }, 'xlsx', 'zh-CN')],
    ['stocktakeSheetUrl', stocktakeSheetUrl(7, '冷库')],
  ]
  for (const [name, url] of downloads) calls.push({ name, call: `GET ${new URL(url, 'http://localhost').pathname}` })
})

afterAll(() => {
  vi.unstubAllGlobals()
})

describe('API client against api/openapi.yaml', () => {
  const operations = specOperations(readFileSync(SPEC, 'utf8'))

  it('reads the operations of the spec', () => {
    expect(operations.has('POST /api/v1/auth/login')).toBe(true)
    expect(operations.size).toBeGreaterThan(10)
  })

  it('calls only operations the spec documents', () => {
    expect(calls.length).toBeGreaterThan(25)
    const unknown = calls.filter(({ call }) => ![...operations].some((op) => matches(call, op)))
    expect(unknown).toEqual([])
  })
})
