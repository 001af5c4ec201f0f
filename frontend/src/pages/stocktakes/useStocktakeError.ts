// Toasts for stocktake calls: the known refusals in our words, the rest as usual.
import { useI18n } from 'vue-i18n'
import { useApiError } from '@/composables/useApiError'
import { skuOf, stocktakeErrorKey } from './stocktakeErrors'

export function useStocktakeError() {
  const { t } = useI18n()
  const api = useApiError()

  function describe(err: unknown): string {
    const key = stocktakeErrorKey(err)
    return key ? t(key, { sku: skuOf(err) || '—' }) : api.describe(err)
  }

  function notify(err: unknown): void {
    ElMessage.error({ message: describe(err), grouping: true })
  }

  return { describe, notify }
}
