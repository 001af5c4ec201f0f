// Records the unit tests sign in with: the demo chain's first store and a user in it,
// changed per test by what it overrides, the viewport helpers and the fake API answers.
// Imported by *.spec.ts files only.
import type { Me } from '@/api/auth'
import type { Store } from '@/api/org'
import { afterEach, beforeEach, vi } from 'vitest'
import type { Budget } from '@/api/budgets'

export function demoStore(): Store {
  return {
    id: 1,
    code: 'SH01',
    name: '上海浦东店',
    region: '华东',
    timezone: 'Asia/Shanghai',
    active: true,
    version: 1,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
  }
}

/** super1, a supervisor of store 1 (no store record unless given). */
export function demoMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 3,
    username: 'super1',
    display_name: '王主管',
    role: 'supervisor',
    store_id: 1,
    store: null,
    department_codes: ['produce'],
    csrf_token: 'csrf',
    ...overrides,
  }
}

/** Makes useIsMobile answer `phone` (jsdom has no matchMedia); undo with vi.unstubAllGlobals(). */
export function stubViewport(phone: boolean): void {
  vi.stubGlobal('matchMedia', () => ({ matches: phone, addEventListener: vi.fn(), removeEventListener: vi.fn() }))
}

/** A JSON answer as the API sends it. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
}

/**
 * A fetch mock standing in for the browser's in every test of the calling spec file: reset
 * before each test, the real globals back after it. Call it once at the top of the file.
 */
export function stubFetch() {
  const fetchMock = vi.fn<typeof fetch>()
  beforeEach(() => {
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })
  return fetchMock
}

/** After a test that mounted into the page: no stubs and an empty body for the next one. */
export function cleanUp(): void {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
}

/** A department's budget of 2026-11 with no amounts but those given. */
export function demoBudget(code: string, version: number, amounts: Partial<Budget> = {}): Budget {
  return {
    department_code: code,
    month: '2026-11',
    sales_target: null,
    gross_margin_pct_target: null,
    labour_budget: null,
    materials_budget: null,
    repairs_budget: null,
    shrink_budget: null,
    sales_per_head_target: null,
    version,
    updated_at: null,
    updated_by: null,
    ...amounts,
  }
}
