import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import KpiCard from './KpiCard.vue'
import type { Kpi, KpiKey } from '@/api/kpis'
import { i18n, setLocale } from '@/i18n'

function card(kpi: KpiKey, value: Partial<Kpi>, clickable = true) {
  const full: Kpi = { actual: null, budget: null, variance: null, variance_pct: null, status: null, last_month: null, last_year: null, ...value }
  return mount(KpiCard, { props: { kpi, value: full, clickable }, global: { plugins: [i18n] } })
}

const text = (wrapper: ReturnType<typeof card>, id: string) => wrapper.get(`[data-testid="${id}"]`).text()

describe('KpiCard', () => {
  it('shows actual, budget, variance and comparisons of a money KPI', () => {
    setLocale('zh-CN')
    const wrapper = card('sales', {
      actual: '123456.78',
      budget: '100000.00',
      variance: '23456.78',
      variance_pct: '23.46',
      status: 'on_track',
      last_month: '112233.00',
      last_year: '98765.40',
    })
    expect(wrapper.get('[data-testid="kpi-card-sales"]').attributes('data-status')).toBe('on_track')
    expect(text(wrapper, 'kpi-actual-sales')).toBe('123,456.78')
    expect(text(wrapper, 'kpi-budget-sales')).toBe('100,000.00')
    expect(text(wrapper, 'kpi-variance-sales')).toMatch(/\+23,456\.78\s*\+23\.46%/)
    expect(text(wrapper, 'kpi-status-sales')).toBe('达标')
    expect(text(wrapper, 'kpi-last-month-sales')).toMatch(/上月\s*112,233\.00\s*\+10\.0%/)
    expect(text(wrapper, 'kpi-last-year-sales')).toMatch(/去年\s*98,765\.40\s*\+25\.0%/)
    expect(wrapper.text()).toContain('销售额')
  })

  it('shows dashes and a grey "no budget" status when values are missing', () => {
    setLocale('zh-CN')
    const wrapper = card('gross_margin_pct', {})
    expect(wrapper.get('[data-testid="kpi-card-gross_margin_pct"]').attributes('data-status')).toBe('none')
    expect(text(wrapper, 'kpi-actual-gross_margin_pct')).toBe('—')
    expect(text(wrapper, 'kpi-budget-gross_margin_pct')).toBe('—')
    expect(text(wrapper, 'kpi-variance-gross_margin_pct')).toBe('—')
    expect(text(wrapper, 'kpi-status-gross_margin_pct')).toBe('无预算')
    expect(text(wrapper, 'kpi-last-month-gross_margin_pct')).toMatch(/上月\s*—/)
  })

  it('puts percent signs on percent KPIs and counts their variance in points', () => {
    setLocale('en')
    const wrapper = card('gross_margin_pct', { actual: '26.40', budget: '28.50', variance: '-2.10', variance_pct: '-7.37', status: 'off_track', last_year: '27.00' })
    expect(text(wrapper, 'kpi-actual-gross_margin_pct')).toBe('26.40%')
    expect(text(wrapper, 'kpi-budget-gross_margin_pct')).toBe('28.50%')
    expect(text(wrapper, 'kpi-variance-gross_margin_pct')).toMatch(/-2\.10 pp\s*-7\.37%/)
    expect(text(wrapper, 'kpi-status-gross_margin_pct')).toBe('Off track')
    expect(text(wrapper, 'kpi-last-year-gross_margin_pct')).toMatch(/27\.00%\s*-0\.60 pp/)
    setLocale('zh-CN')
  })

  it('opens its drill-down when it has one', async () => {
    const clickable = card('labour_cost', { actual: '1.00' })
    await clickable.get('[data-testid="kpi-card-labour_cost"]').trigger('click')
    expect(clickable.emitted('open')).toEqual([['labour_cost']])
    const plain = card('shrink_pct', { actual: '1.00' }, false)
    await plain.get('[data-testid="kpi-card-shrink_pct"]').trigger('click')
    expect(plain.emitted('open')).toBeUndefined()
    expect(plain.get('[data-testid="kpi-card-shrink_pct"]').attributes('role')).toBeUndefined()
  })
})
