// Failures of complaint calls in words: the refusals these screens know in ours, the rest
// through the shared error texts.
import { ApiError } from '@/api/http'
import { useRefusalError } from '@/composables/useApiError'

export const COMPLAINT_ERROR_CODES = ['wrong_status', 'stale_version'] as const

export function complaintErrorKey(err: unknown): string | null {
  return err instanceof ApiError && (COMPLAINT_ERROR_CODES as readonly string[]).includes(err.code) ? `complaints.errors.${err.code}` : null
}

export const useComplaintError = () => useRefusalError(complaintErrorKey)
