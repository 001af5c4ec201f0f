import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { CSRF_STORAGE_KEY, SIGNED_IN_KEY, useSessionStore } from './session'
import { demoMe, demoStore, jsonResponse as json, stubFetch } from '@/testFixtures'

const me = demoMe({ store: demoStore(), department_codes: ['produce', 'meat'], csrf_token: 'csrf-me' })

const fetchMock = stubFetch()

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
  setActivePinia(createPinia())
})

describe('session store', () => {
  it('keeps the CSRF token in sessionStorage after login', async () => {
    fetchMock.mockResolvedValue(json(200, { token: 't', csrf_token: 'csrf-1', expires_at: '2030-01-01T00:00:00Z', user: me }))
    const session = useSessionStore()
    await session.login('super1', 'demo1234')
    expect(session.me?.username).toBe('super1')
    expect(session.csrfToken).toBe('csrf-1')
    expect(sessionStorage.getItem(CSRF_STORAGE_KEY)).toBe('csrf-1')
  })

  it('restores the user from GET /me when the token survived a reload', async () => {
    sessionStorage.setItem(CSRF_STORAGE_KEY, 'csrf-2')
    fetchMock.mockResolvedValue(json(200, me))
    const session = useSessionStore()
    await expect(session.ensureLoaded()).resolves.toEqual(me)
    expect(new URL((fetchMock.mock.calls[0]?.[0] as Request).url).pathname).toBe('/api/v1/me')
    await session.ensureLoaded()
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('is signed out when GET /me answers 401', async () => {
    sessionStorage.setItem(CSRF_STORAGE_KEY, 'stale')
    fetchMock.mockResolvedValue(json(401, { error: { code: 'unauthenticated', message: 'no session' } }))
    const session = useSessionStore()
    await expect(session.ensureLoaded()).resolves.toBeNull()
    expect(session.isSignedIn).toBe(false)
    expect(sessionStorage.getItem(CSRF_STORAGE_KEY)).toBeNull()
  })

  it('does not ask GET /me when nobody signed in in this browser', async () => {
    const session = useSessionStore()
    await expect(session.ensureLoaded()).resolves.toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(session.checked).toBe(true)
  })

  it('flags a session for other tabs at sign-in and drops the flag at a 401', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { token: 't', csrf_token: 'csrf-4', expires_at: '', user: me }))
    await useSessionStore().login('super1', 'demo1234')
    expect(localStorage.getItem(SIGNED_IN_KEY)).toBe('1')
    setActivePinia(createPinia())
    sessionStorage.clear()
    fetchMock.mockResolvedValueOnce(json(401, { error: { code: 'unauthenticated', message: 'ended' } }))
    await expect(useSessionStore().ensureLoaded()).resolves.toBeNull()
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(localStorage.getItem(SIGNED_IN_KEY)).toBeNull()
  })

  it('takes the CSRF token from GET /me in a new tab', async () => {
    localStorage.setItem(SIGNED_IN_KEY, '1')
    fetchMock.mockResolvedValue(json(200, me))
    const session = useSessionStore()
    await expect(session.ensureLoaded()).resolves.toEqual(me)
    expect(session.csrfToken).toBe('csrf-me')
    expect(sessionStorage.getItem(CSRF_STORAGE_KEY)).toBe('csrf-me')
  })

  it('forgets the session on logout even when the server call fails', async () => {
    fetchMock.mockResolvedValueOnce(json(200, { token: 't', csrf_token: 'csrf-3', expires_at: '', user: me }))
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    const session = useSessionStore()
    await session.login('super1', 'demo1234')
    await expect(session.logout()).rejects.toMatchObject({ code: 'network_error' })
    expect(session.me).toBeNull()
    expect(sessionStorage.getItem(CSRF_STORAGE_KEY)).toBeNull()
  })
})
