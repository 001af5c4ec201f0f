import { describe, expect, it } from 'vitest'
import { compare, formatKpiValue, formatVariance, formatVariancePct, signed, statusStyle, STATUS_COLORS, chartNumber } from './kpiFormat'

describe('statusStyle', () => {
  it.each([
    ['on_track', 'on_track', 'success', '#2f9e5b'],
    ['watch', 'watch', 'warning', '#e6a23c'],
    ['off_track', 'off_track', 'danger', '#d9453b'],
  ] as const)('%s is %s / %s', (status, level, tag, color) => {
    expect(statusStyle(status)).toEqual({ level, tag, color, label: `kpi.status.${level}` })
  })

  it('is grey "no budget" without a status', () => {
    for (const status of [null, undefined]) {
      expect(statusStyle(status)).toEqual({ level: 'none', tag: 'info', color: STATUS_COLORS.none, label: 'kpi.status.none' })
    }
    expect(statusStyle('nonsense' as never).level).toBe('none')
  })

  it('uses four different colours', () => {
    expect(new Set(Object.values(STATUS_COLORS)).size).toBe(4)
  })
})

describe('formatKpiValue', () => {
  it('shows a dash for null, undefined and empty', () => {
    expect(formatKpiValue('sales', null)).toBe('—')
    expect(formatKpiValue('gross_margin_pct', undefined)).toBe('—')
    expect(formatKpiValue('labour_cost', '  ')).toBe('—')
  })

  it('groups money and keeps its decimals', () => {
    expect(formatKpiValue('sales', '1234567.50')).toBe('1,234,567.50')
    expect(formatKpiValue('labour_cost', '-320.00')).toBe('-320.00')
    expect(formatKpiValue('sales_per_labour_hour', '412.30')).toBe('412.30')
  })

  it('puts a percent sign on the percent KPIs only', () => {
    expect(formatKpiValue('gross_margin_pct', '28.50')).toBe('28.50%')
    expect(formatKpiValue('shrink_pct', '1.20')).toBe('1.20%')
    expect(formatKpiValue('gross_margin', '28.50')).toBe('28.50')
  })
})

describe('variances', () => {
  it('signs positive numbers and leaves zero and negatives alone', () => {
    expect(signed('3.20')).toBe('+3.20')
    expect(signed('-3.20')).toBe('-3.20')
    expect(signed('0.00')).toBe('0.00')
    expect(signed('+1')).toBe('+1')
  })

  it('formats variance percents', () => {
    expect(formatVariancePct('12.50')).toBe('+12.50%')
    expect(formatVariancePct('-4.00')).toBe('-4.00%')
    expect(formatVariancePct(null)).toBe('—')
  })

  it('formats variances as money or as points', () => {
    expect(formatVariance('sales', '12345.60')).toBe('+12,345.60')
    expect(formatVariance('sales', '-12345.60')).toBe('-12,345.60')
    expect(formatVariance('gross_margin_pct', '1.20', '个百分点')).toBe('+1.20 个百分点')
    expect(formatVariance('shrink_pct', '-0.40')).toBe('-0.40 pp')
    expect(formatVariance('opex', null)).toBe('—')
  })
})

describe('compare (last month / last year)', () => {
  it('shows the change in percent and whether it is good news', () => {
    expect(compare('sales', '110.00', '100.00')).toEqual({ value: '100.00', change: '+10.0%', tone: 'good' })
    expect(compare('sales', '90.00', '100.00')).toEqual({ value: '100.00', change: '-10.0%', tone: 'bad' })
  })

  it('treats rising costs as bad and falling costs as good', () => {
    expect(compare('labour_cost', '1200.00', '1000.00').tone).toBe('bad')
    expect(compare('shrink', '800.00', '1000.00')).toMatchObject({ change: '-20.0%', tone: 'good' })
  })

  it('counts percent KPIs in points', () => {
    expect(compare('gross_margin_pct', '28.50', '27.10', '个百分点')).toEqual({ value: '27.10%', change: '+1.40 个百分点', tone: 'good' })
    expect(compare('shrink_pct', '2.00', '1.50')).toMatchObject({ change: '+0.50 pp', tone: 'bad' })
  })

  it('shows no change when a side is missing or the base is zero', () => {
    expect(compare('sales', '100.00', null)).toEqual({ value: '—', change: '', tone: 'flat' })
    expect(compare('sales', null, '100.00')).toEqual({ value: '100.00', change: '', tone: 'flat' })
    expect(compare('sales', '100.00', '0.00')).toEqual({ value: '0.00', change: '', tone: 'flat' })
    expect(compare('sales', '100.00', '100.00')).toMatchObject({ change: '0.0%', tone: 'flat' })
  })
})

describe('chartNumber', () => {
  it('turns decimal strings into numbers and blanks into gaps', () => {
    expect(chartNumber('12.50')).toBe(12.5)
    expect(chartNumber(null)).toBeNull()
    expect(chartNumber('')).toBeNull()
    expect(chartNumber('abc')).toBeNull()
  })
})
