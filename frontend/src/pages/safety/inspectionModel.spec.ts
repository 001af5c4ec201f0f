import { describe, expect, it } from 'vitest'
import type { ChecklistItem } from '@/api/safety'
import {
  answersOf,
  badNumber,
  emptyDraft,
  emptyDrafts,
  inspectionRequest,
  isAnswered,
  itemErrors,
  missingRequired,
  normalizeNumber,
  previewFails,
  progress,
  rangeText,
  scoreText,
  stepTo,
} from './inspectionModel'

const item = (over: Partial<ChecklistItem> & Pick<ChecklistItem, 'id' | 'kind'>): ChecklistItem => ({
  title: `item ${over.id}`,
  unit: '',
  min: null,
  max: null,
  weight: 10,
  critical: false,
  required: true,
  guidance: '',
  choices: [],
  fail_choices: [],
  ...over,
})

// The cold-room checklist's shape: a reading 0–4 °C, a freezer ≤ −18 °C, yes/no items, a photo.
const ITEMS = [
  item({ id: 1, kind: 'number', unit: '°C', min: '0.00', max: '4.00', critical: true }),
  item({ id: 2, kind: 'number', unit: '°C', max: '-18.00' }),
  item({ id: 3, kind: 'bool' }),
  item({ id: 4, kind: 'choice', choices: ['良好', '一般', '较差'], fail_choices: ['较差'] }),
  item({ id: 5, kind: 'text', required: false, weight: 0 }),
  item({ id: 6, kind: 'photo', required: false, weight: 0 }),
]

describe('normalizeNumber', () => {
  it('takes decimals with at most two places, a comma or a typographic minus', () => {
    expect(normalizeNumber('7')).toBe('7')
    expect(normalizeNumber(' 3.5 ')).toBe('3.5')
    expect(normalizeNumber('3,25')).toBe('3.25')
    expect(normalizeNumber('−18')).toBe('-18')
  })
  it('refuses what is not a decimal', () => {
    for (const bad of ['', 'abc', '1.234', '1e3', '--1', '.5', '4.']) expect(normalizeNumber(bad)).toBeNull()
  })
})

describe('answering and progress', () => {
  it('counts an item answered by its kind only', () => {
    const draft = { ...emptyDraft(), text: 'x', bool: true }
    expect(isAnswered(ITEMS[0]!, draft)).toBe(false)
    expect(isAnswered(ITEMS[2]!, draft)).toBe(true)
    expect(isAnswered(ITEMS[4]!, { ...emptyDraft(), text: '   ' })).toBe(false)
    expect(isAnswered(ITEMS[5]!, { ...emptyDraft(), photos: [9] })).toBe(true)
    expect(isAnswered(ITEMS[2]!, { ...emptyDraft(), bool: false })).toBe(true)
    expect(isAnswered(ITEMS[2]!, undefined)).toBe(false)
  })

  it('counts progress and the required items still open; a wrongly typed reading is not an answer', () => {
    const drafts = emptyDrafts(ITEMS)
    expect(progress(ITEMS, drafts)).toEqual({ answered: 0, total: 6, percent: 0 })
    expect(missingRequired(ITEMS, drafts).map((i) => i.id)).toEqual([1, 2, 3, 4])
    drafts[1]!.number = '7'
    drafts[2]!.number = 'abc'
    drafts[3]!.bool = false
    drafts[6]!.photos = [4]
    expect(progress(ITEMS, drafts)).toEqual({ answered: 3, total: 6, percent: 50 })
    expect(missingRequired(ITEMS, drafts).map((i) => i.id)).toEqual([2, 4])
    expect(badNumber(ITEMS[1]!, drafts[2])).toBe(true)
    expect(badNumber(ITEMS[0]!, drafts[1])).toBe(false)
    expect(badNumber(ITEMS[1]!, emptyDraft())).toBe(false)
  })
})

describe('rangeText', () => {
  it('shows both ends, or the one there is, without trailing zeros', () => {
    expect(rangeText(ITEMS[0]!)).toBe('0–4 °C')
    expect(rangeText(ITEMS[1]!)).toBe('≤ -18 °C')
    expect(rangeText({ min: '70.00', max: null, unit: '°C' })).toBe('≥ 70 °C')
    expect(rangeText({ min: '100.50', max: '250.00', unit: 'ppm' })).toBe('100.5–250 ppm')
    expect(rangeText({ min: null, max: null, unit: '' })).toBe('')
  })
})

describe('previewFails', () => {
  it('flags a reading outside its range, a no and a failing choice', () => {
    expect(previewFails(ITEMS[0]!, { ...emptyDraft(), number: '7' })).toBe(true)
    expect(previewFails(ITEMS[0]!, { ...emptyDraft(), number: '-0.5' })).toBe(true)
    expect(previewFails(ITEMS[0]!, { ...emptyDraft(), number: '4' })).toBe(false)
    expect(previewFails(ITEMS[0]!, { ...emptyDraft(), number: '0' })).toBe(false)
    expect(previewFails(ITEMS[1]!, { ...emptyDraft(), number: '-20' })).toBe(false)
    expect(previewFails(ITEMS[1]!, { ...emptyDraft(), number: '-17.5' })).toBe(true)
    expect(previewFails(ITEMS[2]!, { ...emptyDraft(), bool: false })).toBe(true)
    expect(previewFails(ITEMS[2]!, { ...emptyDraft(), bool: true })).toBe(false)
    expect(previewFails(ITEMS[3]!, { ...emptyDraft(), choice: '较差' })).toBe(true)
    expect(previewFails(ITEMS[3]!, { ...emptyDraft(), choice: '一般' })).toBe(false)
  })
  it('says nothing before an answer, or for text and photos', () => {
    expect(previewFails(ITEMS[0]!, emptyDraft())).toBeNull()
    expect(previewFails(ITEMS[4]!, { ...emptyDraft(), text: 'ok' })).toBeNull()
  })
})

describe('the request', () => {
  it('sends the answered items in order with the field of their kind', () => {
    const drafts = emptyDrafts(ITEMS)
    drafts[1]!.number = '7,0'
    drafts[3]!.bool = true
    drafts[4]!.choice = '良好'
    drafts[5]!.text = '  fine '
    drafts[6]!.photos = [21, 22]
    const body = inspectionRequest({ id: 1, version: 3, items: ITEMS }, 'produce', drafts, ' warm ')
    expect(body).toEqual({
      template_id: 1,
      template_version: 3,
      department_code: 'produce',
      note: 'warm',
      answers: [
        { item_id: 1, number: '7.0' },
        { item_id: 3, bool: true },
        { item_id: 4, choice: '良好' },
        { item_id: 5, text: 'fine' },
        { item_id: 6, photos: [21, 22] },
      ],
    })
    expect(inspectionRequest({ id: 1, version: 1, items: ITEMS }, 'produce', drafts).note).toBeUndefined()
  })

  it('leaves out a wrongly typed reading and the unanswered', () => {
    const drafts = emptyDrafts(ITEMS)
    drafts[1]!.number = '7..'
    drafts[3]!.bool = false
    expect(answersOf(ITEMS, drafts)).toEqual([{ item_id: 3, bool: false }])
  })
})

describe('itemErrors', () => {
  it('puts answers[i] by the item the i-th answer named and items[id] by that item', () => {
    const sent = [{ item_id: 1, number: '500' }, { item_id: 3, bool: true }]
    const { byItem, rest } = itemErrors(
      { 'answers[0].number': 'outside physical sense', 'items[2]': 'required', 'answers[1]': 'bad', template_id: 'unknown' },
      sent,
    )
    expect(byItem).toEqual({ 1: 'outside physical sense', 2: 'required', 3: 'bad' })
    expect(rest).toEqual({ template_id: 'unknown' })
  })
  it('joins two errors of one item and keeps an answer index it did not send', () => {
    const { byItem, rest } = itemErrors({ 'answers[0].number': 'a', 'items[1]': 'b', 'answers[5].bool': 'c' }, [{ item_id: 1 }])
    expect(byItem).toEqual({ 1: 'a; b' })
    expect(rest).toEqual({ 'answers[5].bool': 'c' })
  })
})

describe('scoreText', () => {
  it('drops the trailing zeros of the two decimals', () => {
    expect(scoreText('100.00')).toBe('100')
    expect(scoreText('87.50')).toBe('87.5')
    expect(scoreText('66.67')).toBe('66.67')
    expect(scoreText('0.00')).toBe('0')
    expect(scoreText('80')).toBe('80')
  })
})

describe('stepTo', () => {
  it('moves one item on or back and stays inside the list', () => {
    expect(stepTo(0, 1, 8)).toBe(1)
    expect(stepTo(7, 1, 8)).toBe(7)
    expect(stepTo(0, -1, 8)).toBe(0)
    expect(stepTo(3, -1, 8)).toBe(2)
    expect(stepTo(0, 1, 0)).toBe(0)
  })
})
