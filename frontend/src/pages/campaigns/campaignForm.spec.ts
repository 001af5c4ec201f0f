import { describe, expect, it } from 'vitest'
import type { Campaign } from '@/api/campaigns'
import { campaignToForm, checkCampaignForm, emptyCampaignForm, emptyTask, formToRequest, isClean, sortFieldErrors } from './campaignForm'

describe('formToRequest', () => {
  it('sends the stores of a store target, trimmed texts and the version when editing', () => {
    const form = { ...emptyCampaignForm(), name: ' 双十二 ', period: ['2026-12-10', '2026-12-14'] as [string, string], target_store_ids: [1, 3], priority: 9 }
    form.items = [{ sku: 'P1', name: '草莓', regular_price: '3.00', cost_price: '1.00', promo_price: ' 2.50 ', below_cost: false }]
    form.tasks = [{ kind: 'display', title: ' 堆头 ', instructions: '', due_hours: 0, photo_required: true }]
    expect(formToRequest(form, 4)).toEqual({
      name: '双十二', mechanic: 'price_cut', starts_on: '2026-12-10', ends_on: '2026-12-14', target_kind: 'stores', target_store_ids: [1, 3],
      priority: 9, note: '', items: [{ sku: 'P1', promo_price: '2.50', below_cost: false }],
      tasks: [{ kind: 'display', title: '堆头', instructions: '', due_hours: 0, photo_required: true }], version: 4,
    })
  })

  it('sends the region of a region target and no store list', () => {
    const body = formToRequest({ ...emptyCampaignForm(), target_kind: 'region', target_region: '华东', target_store_ids: [2] })
    expect(body.target_region).toBe('华东')
    expect(body.target_store_ids).toBeUndefined()
    expect(body.version).toBeUndefined()
  })

  it('reads a draft back as the form holds it', () => {
    const campaign = {
      name: 'A', mechanic: 'gift', starts_on: '2026-12-01', ends_on: '2026-12-02', priority: 1, note: 'n', target_kind: 'all', target_region: '', target_store_ids: [],
      items: [{ sku: 'P1', name: 'x', regular_price: '3.00', promo_price: '2.00', cost_price: '1.00', below_cost: false }],
      tasks: [{ id: 7, kind: 'signage', title: 't', instructions: 'i', due_hours: 4, photo_required: false }],
    } as unknown as Campaign
    const form = campaignToForm(campaign)
    expect(form.period).toEqual(['2026-12-01', '2026-12-02'])
    expect(form.tasks).toEqual([{ kind: 'signage', title: 't', instructions: 'i', due_hours: 4, photo_required: false }])
    expect(form.items[0]!.promo_price).toBe('2.00')
  })
})

describe('sortFieldErrors', () => {
  it('puts item and task errors on their rows and the dates on the period', () => {
    expect(sortFieldErrors({ 'items[3].promo_price': 'must be below the retail price', 'items[3].sku': 'unknown', 'tasks[0].title': 'is required', ends_on: 'before starts_on', 'target_store_ids[1]': 'not active', name: 'is required' })).toEqual({
      fields: { period: 'before starts_on', target_store_ids: 'not active', name: 'is required' },
      items: { 3: { promo_price: 'must be below the retail price', sku: 'unknown' } },
      tasks: { 0: { title: 'is required' } },
    })
  })
})

describe('checkCampaignForm', () => {
  const item = (promo_price: string, below_cost = false) => ({ sku: 'P1', name: '草莓', regular_price: '3.00', cost_price: '1.50', promo_price, below_cost })

  it('finds nothing in a complete form', () => {
    const form = { ...emptyCampaignForm(), name: 'A', period: ['2026-12-01', '2026-12-02'] as [string, string], target_store_ids: [1], items: [item('2.00')] }
    expect(isClean(checkCampaignForm(form))).toBe(true)
  })

  it('names every missing field, each bad price on its row and each untitled task', () => {
    const form = { ...emptyCampaignForm(), items: [item('2.00'), item('abc'), item('3.00'), item('1.00'), item('1.00', true)], tasks: [{ ...emptyTask(), title: ' ' }] }
    const found = checkCampaignForm(form)
    expect(isClean(found)).toBe(false)
    expect(Object.keys(found.fields)).toEqual(['name', 'period', 'target_store_ids'])
    expect(found.items).toEqual({
      1: { promo_price: ['campaigns.items.priceFormat'] },
      2: { promo_price: ['campaigns.items.priceBelowRegular', { regular: '3.00' }] },
      3: { promo_price: ['campaigns.items.belowCostWarn', { cost: '1.50' }] },
    })
    expect(found.tasks).toEqual({ 0: { title: ['campaigns.tasks.titleRequired'] } })
  })

  it('asks for the region of a region target and for items', () => {
    const found = checkCampaignForm({ ...emptyCampaignForm(), target_kind: 'region' })
    expect(found.fields.target_region).toEqual(['campaigns.builder.regionRequired'])
    expect(found.fields.items).toEqual(['campaigns.builder.itemsRequired'])
  })
})
