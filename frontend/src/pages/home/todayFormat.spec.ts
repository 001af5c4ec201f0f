import { describe, expect, it } from 'vitest'
import { dueLabel } from './todayFormat'

const SH = 'Asia/Shanghai'
// 2025-03-05 10:00 in Shanghai.
const now = new Date('2025-03-05T02:00:00Z')

describe('dueLabel', () => {
  it('has no label without a deadline', () => {
    expect(dueLabel(null, now, SH)).toBeNull()
    expect(dueLabel('not a date', now, SH)).toBeNull()
  })

  it('reads today and tomorrow on the store clock', () => {
    expect(dueLabel('2025-03-05T10:00:00Z', now, SH)).toEqual({ key: 'today', params: { time: '18:00', date: '03-05', when: '18:00' } })
    expect(dueLabel('2025-03-06T01:30:00Z', now, SH)?.key).toBe('tomorrow')
    expect(dueLabel('2025-03-06T01:30:00Z', now, SH)?.params.time).toBe('09:30')
  })

  it('uses the store day, not UTC: 23:30 on the 5th in Shanghai is still today', () => {
    expect(dueLabel('2025-03-05T15:30:00Z', now, SH)).toMatchObject({ key: 'today', params: { time: '23:30' } })
  })

  it('reads a midnight deadline as the end of the day before', () => {
    // Lots expiring today are due at the start of tomorrow, 00:00 store time.
    expect(dueLabel('2025-03-05T16:00:00Z', now, SH)).toEqual({ key: 'today', params: { time: '24:00', date: '03-05', when: '24:00' } })
    expect(dueLabel('2025-03-06T16:00:00Z', now, SH)).toMatchObject({ key: 'tomorrow', params: { time: '24:00' } })
  })

  it('gives the date further ahead, with the year only when it differs', () => {
    expect(dueLabel('2025-03-09T04:00:00Z', now, SH)).toMatchObject({ key: 'later', params: { date: '03-09', time: '12:00' } })
    expect(dueLabel('2026-01-02T04:00:00Z', now, SH)).toMatchObject({ key: 'later', params: { date: '2026-01-02' } })
  })

  it('says overdue with when it was due', () => {
    expect(dueLabel('2025-03-05T01:00:00Z', now, SH)).toEqual({ key: 'overdue', params: { time: '09:00', date: '03-05', when: '09:00' } })
    expect(dueLabel('2025-03-03T10:00:00Z', now, SH)).toMatchObject({ key: 'overdue', params: { when: '03-03 18:00' } })
  })
})
