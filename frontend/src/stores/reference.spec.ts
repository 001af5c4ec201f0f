import { describe, expect, it, vi } from 'vitest'
import { cachedLoad } from './reference'

describe('cachedLoad', () => {
  it('runs once for every caller until forced', async () => {
    const run = vi.fn(async () => {})
    const { load } = cachedLoad(run)
    await Promise.all([load(), load()])
    await load()
    expect(run).toHaveBeenCalledTimes(1)
    await load(true)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('runs again after a failure instead of handing it out', async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined)
    const { load } = cachedLoad(run)
    await expect(load()).rejects.toThrow('offline')
    await expect(load()).resolves.toBeUndefined()
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('runs again after forget', async () => {
    const run = vi.fn(async () => {})
    const { load, forget } = cachedLoad(run)
    await load()
    forget()
    await load()
    expect(run).toHaveBeenCalledTimes(2)
  })
})
