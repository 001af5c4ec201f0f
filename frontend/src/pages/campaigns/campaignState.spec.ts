import { describe, expect, it } from 'vitest'
import { TASK_STATES } from '@/api/campaigns'
import { byUrgency, relativeDue, STATE_COLOUR, STATE_TAG } from './campaignState'

/** WCAG contrast of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

describe('state colours', () => {
  it.each([...TASK_STATES, ''] as const)('%j has readable text on its cell', (state) => {
    const { bg, fg } = STATE_COLOUR[state]
    expect(contrast(bg, fg)).toBeGreaterThanOrEqual(4.5)
  })

  it('marks overdue and problem as danger, done as success', () => {
    expect([STATE_TAG.overdue, STATE_TAG.problem, STATE_TAG.done, STATE_TAG.pending]).toEqual(['danger', 'danger', 'success', 'info'])
  })
})

describe('byUrgency', () => {
  it('puts overdue first, then problems, pending by due time, and done last', () => {
    const tasks = [
      { id: 1, state: 'done' as const, due_at: '2026-12-01T01:00:00Z' },
      { id: 2, state: 'pending' as const, due_at: '2026-12-02T01:00:00Z' },
      { id: 3, state: 'pending' as const, due_at: '2026-12-01T09:00:00Z' },
      { id: 4, state: 'overdue' as const, due_at: '2026-11-30T01:00:00Z' },
      { id: 5, state: 'problem' as const, due_at: '2026-11-30T01:00:00Z' },
    ]
    expect(byUrgency(tasks).map((t) => t.id)).toEqual([4, 5, 3, 2, 1])
  })
})

describe('relativeDue', () => {
  const now = Date.parse('2026-12-01T08:00:00Z')
  it.each([
    ['2026-12-01T08:30:00Z', 'en', 'in 30 minutes'],
    ['2026-12-01T11:00:00Z', 'en', 'in 3 hours'],
    ['2026-11-28T08:00:00Z', 'en', '3 days ago'],
  ])('%s reads %s', (due, locale, text) => expect(relativeDue(due, now, locale)).toBe(text))
})
