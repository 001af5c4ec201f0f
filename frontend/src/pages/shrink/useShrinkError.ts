// Failures of shrink calls in words: the refusals the screens know in ours, the rest through
// the shared error texts.
import { useI18n } from 'vue-i18n'
import { useApiError } from '@/composables/useApiError'
import { shrinkErrorKey } from './shrinkFormat'

export function useShrinkError() {
  const { t } = useI18n()
  const shared = useApiError()

  const describe = (err: unknown): string => {
    const key = shrinkErrorKey(err)
    return key ? t(key) : shared.describe(err)
  }

  return {
    describe,
    notify: (err: unknown) => ElMessage.error({ message: describe(err), grouping: true }),
  }
}
