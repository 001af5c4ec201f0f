// The task forms' refusals in the form's words: the server's 422 photo_required (a task whose
// photo is required was sent without one) shows by the photos field.
import { ApiError } from '@/api/http'

export function taskError(err: unknown, t: (key: string) => string): unknown {
  if (err instanceof ApiError && err.code === 'photo_required') {
    const message = t('campaigns.myTasks.photoRequired')
    return new ApiError(err.status, err.code, message, { ...err.fields, photos: message })
  }
  return err
}
