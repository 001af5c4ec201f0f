import { describe, expect, it } from 'vitest'
import { canWrite, NAV_ITEMS, navFor } from './nav'
import type { Role } from './api/types'

const keys = (role: Role | null) => navFor(role).map((item) => item.key)

describe('navFor', () => {
  it.each<[Role, string[]]>([
    ['admin', ['home', 'kpi', 'budgets', 'ranking', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'users', 'stores', 'notifications', 'audit', 'profile']],
    ['store_manager', ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'users', 'notifications', 'audit', 'profile']],
    ['supervisor', ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'feeds', 'recalls', 'campaigns', 'safety', 'tasks', 'meetings', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'profile']],
    ['hq_promotions', ['home', 'kpi', 'budgets', 'ranking', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'shrink', 'recalls', 'campaigns', 'risks', 'incidents', 'readiness', 'complaints', 'price-surveys', 'calendar', 'stores', 'profile']],
    ['hq_quality', ['home', 'kpi', 'budgets', 'products', 'suppliers', 'inventory', 'stocktakes', 'ordering', 'safety', 'risks', 'incidents', 'readiness', 'training', 'complaints', 'price-surveys', 'calendar', 'profile']],
  ])('shows %s exactly %j', (role, expected) => {
    expect(keys(role)).toEqual(expected)
  })

  it('shows nothing when nobody is signed in', () => {
    expect(keys(null)).toEqual([])
  })

  it('filters a list given to it', () => {
    const extra = { ...NAV_ITEMS[0]!, key: 'kpi', roles: ['store_manager'] as const }
    expect(navFor('store_manager', [extra]).map((i) => i.key)).toEqual(['kpi'])
    expect(navFor('supervisor', [extra])).toEqual([])
  })

  it('has unique keys and paths', () => {
    expect(new Set(NAV_ITEMS.map((i) => i.key)).size).toBe(NAV_ITEMS.length)
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length)
  })

  it('only lets a role write where it may read', () => {
    for (const item of NAV_ITEMS) {
      for (const role of item.writeRoles) expect(item.roles).toContain(role)
    }
  })
})

describe('canWrite', () => {
  it('lets admins edit users and stores', () => {
    expect(canWrite('users', 'admin')).toBe(true)
    expect(canWrite('stores', 'admin')).toBe(true)
  })

  it('keeps store managers on users and HQ on stores read-only', () => {
    expect(canWrite('users', 'store_manager')).toBe(false)
    expect(canWrite('stores', 'hq_promotions')).toBe(false)
  })

  it('lets only admins edit products and nobody edit inventory', () => {
    expect(canWrite('products', 'admin')).toBe(true)
    for (const role of ['store_manager', 'supervisor', 'hq_promotions'] as const) {
      expect(canWrite('products', role)).toBe(false)
      expect(canWrite('inventory', role)).toBe(false)
    }
  })

  it('lets everyone read suppliers and only admins keep them', () => {
    expect(canWrite('suppliers', 'admin')).toBe(true)
    for (const role of ['store_manager', 'supervisor', 'hq_promotions'] as const) {
      expect(navFor(role).map((item) => item.key)).toContain('suppliers')
      expect(canWrite('suppliers', role)).toBe(false)
    }
  })

  it('lets store staff upload feeds but not HQ', () => {
    expect(canWrite('feeds', 'store_manager')).toBe(true)
    expect(canWrite('feeds', 'supervisor')).toBe(true)
    expect(canWrite('feeds', 'hq_promotions')).toBe(false)
  })

  it('lets store managers and admins edit budgets; supervisors and HQ read them', () => {
    expect(canWrite('budgets', 'admin')).toBe(true)
    expect(canWrite('budgets', 'store_manager')).toBe(true)
    expect(canWrite('budgets', 'supervisor')).toBe(false)
    expect(canWrite('budgets', 'hq_promotions')).toBe(false)
  })

  it('lets only admins start recalls (store staff and HQ promotions read them)', () => {
    expect((['admin', 'store_manager', 'supervisor', 'hq_promotions'] as const).map((role) => canWrite('recalls', role))).toEqual([true, false, false, false])
  })

  it('lets admins and HQ promotions plan campaigns, store managers their in-store promotions; supervisors read them (and do their tasks)', () => {
    expect((['admin', 'store_manager', 'supervisor', 'hq_promotions'] as const).map((role) => canWrite('campaigns', role))).toEqual([true, true, false, true])
  })

  it('lets store staff inspect and put failures right; HQ quality reads the safety pages', () => {
    expect((['admin', 'store_manager', 'supervisor', 'hq_quality', 'hq_promotions'] as const).map((role) => canWrite('safety', role))).toEqual([true, true, true, false, false])
  })

  it('is false for unknown pages and signed-out users', () => {
    expect(canWrite('nope', 'admin')).toBe(false)
    expect(canWrite('users', null)).toBe(false)
  })
})
