import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { taskError } from './taskErrors'

const t = (key: string) => `<${key}>`

describe('taskError', () => {
  it('puts the server’s photo_required on the photos field', () => {
    const err = taskError(new ApiError(422, 'photo_required', 'this task needs a photo of the result'), t) as ApiError
    expect(err.fields).toEqual({ photos: '<campaigns.myTasks.photoRequired>' })
    expect(err.status).toBe(422)
  })

  it('passes other failures through', () => {
    const other = new ApiError(409, 'wrong_status', 'done')
    expect(taskError(other, t)).toBe(other)
  })
})
