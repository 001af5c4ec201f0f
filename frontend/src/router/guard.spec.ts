import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type RouteLocationNormalized } from 'vue-router'
import { decideNavigation, redirectTarget } from './guard'
import { routes } from './routes'
import type { Me } from '@/api/auth'
import type { Role } from '@/api/types'

const router = createRouter({ history: createMemoryHistory(), routes })

function to(path: string): RouteLocationNormalized {
  const resolved = router.resolve(path)
  return { ...resolved, redirectedFrom: undefined } as RouteLocationNormalized
}

function user(role: Role): Me {
  return { id: 1, username: 'u', display_name: 'U', role, store_id: null, store: null, department_codes: [], csrf_token: 'c' }
}

const signedIn = (role: Role) => async () => user(role)
const signedOut = async () => null

describe('decideNavigation', () => {
  it('sends a signed-out user to login, keeping where they were going', async () => {
    await expect(decideNavigation(to('/users?page=2'), signedOut)).resolves.toEqual({
      name: 'login',
      query: { redirect: '/users?page=2' },
    })
  })

  it('does not add ?redirect= for the home page', async () => {
    await expect(decideNavigation(to('/'), signedOut)).resolves.toEqual({ name: 'login', query: {} })
  })

  it('treats an unreachable server as signed out', async () => {
    const failing = async () => {
      throw new Error('offline')
    }
    await expect(decideNavigation(to('/profile'), failing)).resolves.toMatchObject({ name: 'login' })
  })

  it('lets anyone open the login and not-found pages', async () => {
    await expect(decideNavigation(to('/login'), signedOut)).resolves.toBe(true)
    await expect(decideNavigation(to('/no/such/page'), signedOut)).resolves.toBe(true)
  })

  it('sends a signed-in user away from the login page', async () => {
    await expect(decideNavigation(to('/login?redirect=/audit'), signedIn('admin'))).resolves.toBe('/audit')
  })

  it.each<[string, Role, true | 'forbidden']>([
    ['/users', 'admin', true],
    ['/users', 'store_manager', true],
    ['/users', 'supervisor', 'forbidden'],
    ['/users', 'hq_promotions', 'forbidden'],
    ['/stores', 'hq_promotions', true],
    ['/stores', 'store_manager', 'forbidden'],
    ['/audit', 'store_manager', true],
    ['/audit', 'supervisor', 'forbidden'],
    ['/profile', 'supervisor', true],
    ['/products', 'hq_promotions', true],
    ['/inventory', 'supervisor', true],
    ['/feeds', 'supervisor', true],
    ['/feeds', 'store_manager', true],
    ['/feeds', 'hq_promotions', 'forbidden'],
    ['/', 'hq_promotions', true],
    ['/kpi', 'supervisor', true],
    ['/budgets', 'supervisor', true],
    ['/ranking', 'hq_promotions', true],
    ['/ranking', 'admin', true],
    ['/ranking', 'store_manager', 'forbidden'],
    ['/ranking', 'supervisor', 'forbidden'],
  ])('%s for %s → %s', async (path, role, expected) => {
    const result = await decideNavigation(to(path), signedIn(role))
    expect(result).toEqual(expected === true ? true : { name: 'forbidden' })
  })
})

describe('redirectTarget', () => {
  it('accepts a path on this site', () => {
    expect(redirectTarget({ query: { redirect: '/stores?q=1' } })).toBe('/stores?q=1')
  })

  it('refuses other sites and falls back to home', () => {
    expect(redirectTarget({ query: { redirect: '//evil.example/x' } })).toBe('/')
    expect(redirectTarget({ query: { redirect: 'https://evil.example' } })).toBe('/')
    expect(redirectTarget({ query: {} })).toBe('/')
  })
})
