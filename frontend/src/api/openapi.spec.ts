// @vitest-environment node
// Holds the typed client to the REST contract: every call it can make must be an
// operation of api/openapi.yaml (same path template and method).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { authApi } from './auth'
import { departmentsApi, storesApi, usersApi } from './org'
import { auditApi } from './audit'

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
const clients = { authApi, storesApi, departmentsApi, usersApi, auditApi } as unknown as Record<
  string,
  Record<string, AnyCall>
>

const calls: { name: string; call: string }[] = []

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
    expect(calls.length).toBeGreaterThan(15)
    const unknown = calls.filter(({ call }) => ![...operations].some((op) => matches(call, op)))
    expect(unknown).toEqual([])
  })
})
