// Toasts for order plan calls: the refusals the screens know in our words, the rest through
// the shared error texts.
import { useI18n } from 'vue-i18n'
import { useApiError } from '@/composables/useApiError'
import { orderingErrorKey } from './planStatus'

export function useOrderingError() {
  const { t } = useI18n()
  const shared = useApiError()

  const describe = (err: unknown): string => {
    const key = orderingErrorKey(err)
    return key ? t(key) : shared.describe(err)
  }

  return {
    describe,
    notify: (err: unknown) => ElMessage.error({ message: describe(err), grouping: true }),
  }
}
