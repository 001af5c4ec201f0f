import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useTodayStore } from './today'
import { jsonResponse, stubFetch } from '@/testFixtures'

const fetchMock = stubFetch()

function inbox(badges: Record<string, number>, title = '盘点 #1 清点中') {
  return {
    items: [{ kind: 'stocktake.count', title, params: {}, priority: 'normal', due_at: null, link: '/stocktakes?id=1&view=count', resource_type: 'stocktake', resource_id: 1, store_id: 1, department_code: 'produce', count: 1 }],
    total: 1,
    badges,
    partial: false,
    unavailable: [],
    generated_at: '2025-03-05T02:00:00Z',
  }
}

const answer = (body: unknown, status = 200) => jsonResponse(status, body)
// openapi-fetch hands fetch a Request with an absolute address: compare path and query.
const urls = () =>
  fetchMock.mock.calls.map(([request]) => {
    const url = new URL((request as Request).url)
    return url.pathname + url.search
  })

beforeEach(() => {
  setActivePinia(createPinia())
})

afterEach(() => {
  vi.useRealTimers()
})

describe('today store', () => {
  it('asks in the UI language and exposes the badges and their total', async () => {
    fetchMock.mockResolvedValue(answer(inbox({ stocktakes: 3, inventory: 12 })))
    const today = useTodayStore()
    await today.load(7, 'en')
    expect(urls()).toEqual(['/api/v1/me/today?lang=en'])
    expect(today.badges).toEqual({ stocktakes: 3, inventory: 12 })
    expect(today.badgeTotal).toBe(15)
  })

  it('does not ask again while the inbox is young enough, nor twice at once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    fetchMock.mockImplementation(async () => answer(inbox({ stocktakes: 1 })))
    const today = useTodayStore()
    await Promise.all([today.load(7, 'zh-CN', 60_000), today.load(7, 'zh-CN', 60_000)])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    vi.setSystemTime(Date.now() + 30_000)
    await today.load(7, 'zh-CN', 60_000)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    vi.setSystemTime(Date.now() + 31_000)
    await today.load(7, 'zh-CN', 60_000)
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('asks again for another language, and drops another user’s inbox at once', async () => {
    fetchMock.mockResolvedValueOnce(answer(inbox({ stocktakes: 1 })))
    const today = useTodayStore()
    await today.load(7, 'zh-CN', 60_000)
    fetchMock.mockResolvedValueOnce(answer(inbox({ stocktakes: 1 }, 'Stocktake #1 being counted')))
    await today.load(7, 'en', 60_000)
    expect(today.inbox?.items[0]?.title).toBe('Stocktake #1 being counted')

    let release: (r: Response) => void = () => {}
    fetchMock.mockReturnValueOnce(new Promise((resolve) => (release = resolve)))
    const other = today.load(8, 'en', 60_000)
    expect(today.inbox).toBeNull()
    expect(today.badges).toEqual({})
    release(answer(inbox({ inventory: 2 })))
    await other
    expect(today.badges).toEqual({ inventory: 2 })
  })

  it('keeps the last inbox when a refresh fails, and forgets everything on reset', async () => {
    fetchMock.mockResolvedValueOnce(answer(inbox({ stocktakes: 1 })))
    const today = useTodayStore()
    await today.load(7, 'zh-CN')
    fetchMock.mockResolvedValueOnce(answer({ error: { code: 'internal', message: 'boom' } }, 500))
    await today.load(7, 'zh-CN')
    expect(today.error).toMatchObject({ status: 500 })
    expect(today.badges).toEqual({ stocktakes: 1 })
    today.reset()
    expect(today.inbox).toBeNull()
    expect(today.error).toBeNull()
  })
})
