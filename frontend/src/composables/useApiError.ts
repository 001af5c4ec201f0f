// Turns an ApiError into words for the user, preferring our own translation of
// well-known codes over the server's English message.
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'

const TRANSLATED_CODES = [
  'network_error',
  'database_unavailable',
  'busy',
  'commit_unknown',
  'forbidden',
  'not_found',
  'validation_failed',
  'duplicate',
] as const
type TranslatedCode = (typeof TRANSLATED_CODES)[number]

function isTranslated(code: string): code is TranslatedCode {
  return (TRANSLATED_CODES as readonly string[]).includes(code)
}

/** A 409 for an out-of-date `version`: the record must be reloaded before saving. */
export function isStaleVersion(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && (err.code === 'stale_version' || err.code === 'conflict')
}

/** A 409 because the username, code or similar key is already taken. */
export function isDuplicate(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && err.code === 'duplicate'
}

export function useApiError() {
  const { t } = useI18n()

  /** A sentence describing the failure. */
  function describe(err: unknown): string {
    if (isStaleVersion(err)) return t('errors.conflict')
    if (err instanceof ApiError) {
      if (isTranslated(err.code)) return t(`errors.${err.code}`)
      return t('errors.generic', { message: err.message })
    }
    return t('errors.generic', { message: err instanceof Error ? err.message : String(err) })
  }

  /** Shows the failure as a toast. */
  function notify(err: unknown): void {
    ElMessage.error({ message: describe(err), grouping: true })
  }

  return { describe, notify }
}

/**
 * describe/notify for one module's calls: the refusals `keyOf` knows (it answers their message
 * key) in the module's own words, every other failure as useApiError says it.
 */
export function useRefusalError(keyOf: (err: unknown) => string | null) {
  const { t } = useI18n()
  const shared = useApiError()
  const describe = (err: unknown): string => {
    const key = keyOf(err)
    return key === null ? shared.describe(err) : t(key)
  }
  return { describe, notify: (err: unknown): void => void ElMessage.error({ message: describe(err), grouping: true }) }
}
