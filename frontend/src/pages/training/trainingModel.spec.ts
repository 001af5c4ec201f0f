import { describe, expect, it } from 'vitest'
import { attendancePayload, certTag, certificateProblems, initialMarks, markCounts } from './trainingModel'

describe('training model', () => {
  it('colours certificate states', () => {
    expect(certTag('valid')).toBe('success')
    expect(certTag('expiring')).toBe('warning')
    expect(certTag('expired')).toBe('danger')
    expect(certTag('missing')).toBe('danger')
  })

  it('builds the attendance request from ticks, scores only for attendees', () => {
    const marks = initialMarks([
      { employee_id: 1, employee_name: 'a', status: null, score: null },
      { employee_id: 2, employee_name: 'b', status: 'absent', score: null },
    ])
    expect(markCounts(marks)).toEqual({ attended: 0, absent: 1, open: 1 })
    marks[1] = 'attended'
    expect(attendancePayload(marks, { 1: 90, 2: 50 })).toEqual({
      attendance: [
        { employee_id: 1, status: 'attended', score: 90 },
        { employee_id: 2, status: 'absent' },
      ],
    })
    expect(attendancePayload({ 3: undefined })).toBeNull()
  })

  it('refuses an expiry on or before the issue date', () => {
    expect(certificateProblems({ employee_id: 1, number: 'A', issued_on: '2026-01-01', expires_on: '2026-01-01' })).toEqual(['expires_on'])
    expect(certificateProblems({ employee_id: null, number: ' ', issued_on: '', expires_on: '' })).toEqual(['employee_id', 'number', 'issued_on', 'expires_on'])
    expect(certificateProblems({ employee_id: 1, number: 'A', issued_on: '2026-01-01', expires_on: '2027-01-01' })).toEqual([])
  })
})
