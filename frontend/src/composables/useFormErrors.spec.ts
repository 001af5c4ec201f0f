import { describe, expect, it } from 'vitest'
import { useFormErrors } from './useFormErrors'
import { ApiError } from '@/api/http'

const describeErr = (err: unknown) => `described: ${(err as Error).message}`

describe('useFormErrors', () => {
  it('puts the server field errors by their fields', () => {
    const { errors, apply } = useFormErrors()
    apply(new ApiError(400, 'validation_failed', 'some fields are invalid', { store_id: 'is required' }), describeErr)
    expect(errors.fields).toEqual({ store_id: 'is required' })
    expect(errors.general).toBe('described: some fields are invalid')
  })

  it('replaces earlier errors and clears them', () => {
    const { errors, apply, clear } = useFormErrors()
    apply(new ApiError(400, 'validation_failed', 'bad', { username: 'taken' }), describeErr)
    apply(new ApiError(409, 'stale_version', 'reload'), describeErr)
    expect(errors.fields).toEqual({})
    expect(errors.general).toBe('described: reload')
    clear()
    expect(errors.general).toBe('')
  })

  it('describes errors that are not ApiErrors', () => {
    const { errors, apply } = useFormErrors()
    apply(new Error('boom'), describeErr)
    expect(errors.fields).toEqual({})
    expect(errors.general).toBe('described: boom')
  })
})
