import { describe, expect, it } from 'vitest'
import { useLoad } from './useLoad'

/** A fetch whose answers the test hands out in any order. */
function controlled<T>() {
  const pending: { resolve: (value: T) => void; reject: (err: unknown) => void }[] = []
  const fetch = () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject }))
  return { fetch, pending }
}

describe('useLoad', () => {
  it('holds the answer and says when it is loading', async () => {
    const { fetch, pending } = controlled<string>()
    const loader = useLoad(fetch)
    const done = loader.load()
    expect(loader.loading.value).toBe(true)
    pending[0]!.resolve('report')
    await done
    expect([loader.data.value, loader.loading.value, loader.error.value]).toEqual(['report', false, null])
  })

  it('keeps the failure for a retry and the answer it had', async () => {
    const { fetch, pending } = controlled<string>()
    const loader = useLoad(fetch)
    const first = loader.load()
    pending[0]!.resolve('old')
    await first
    const second = loader.load()
    pending[1]!.reject(new Error('offline'))
    await second
    expect(loader.data.value).toBe('old')
    expect((loader.error.value as Error).message).toBe('offline')
  })

  it('drops an answer a newer load overtook', async () => {
    const { fetch, pending } = controlled<string>()
    const loader = useLoad(fetch)
    const older = loader.load()
    const newer = loader.load()
    pending[1]!.resolve('newer')
    await newer
    pending[0]!.resolve('older')
    await older
    expect(loader.data.value).toBe('newer')
    expect(loader.loading.value).toBe(false)
  })

  it('starts from the initial value and keeps a failure until a read succeeds', async () => {
    let fail = true
    const { data, loading, error, load } = useLoad(async () => {
      if (fail) throw new Error('offline')
      return [1, 2]
    }, [] as number[])
    const pending = load()
    expect(loading.value).toBe(true)
    await pending
    expect([loading.value, data.value, (error.value as Error).message]).toEqual([false, [], 'offline'])
    fail = false
    await load()
    expect([data.value, error.value]).toEqual([[1, 2], null])
  })
})
