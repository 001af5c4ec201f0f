// The store's actions on a price gap line: "Promote" (a draft in-store promotion; a price under
// cost is confirmed first, then sent again with below_cost) and "Price change request". Each
// answers what was made, or null after saying why not.
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { priceSurveysApi, type PriceGapPromoted } from '@/api/priceSurveys'
import { useRefusalError } from '@/composables/useApiError'

export const PRICE_ERROR_CODES = ['no_gap', 'already_promoted', 'duplicate', 'wrong_status'] as const

export function priceErrorKey(err: unknown): string | null {
  return err instanceof ApiError && (PRICE_ERROR_CODES as readonly string[]).includes(err.code) ? `priceSurveys.errors.${err.code}` : null
}

/** Whether a promote refusal is the one a confirmation can lift. */
export const isBelowCost = (err: unknown): boolean => err instanceof ApiError && err.status === 422 && err.code === 'below_cost'

export const usePriceError = () => useRefusalError(priceErrorKey)

export function usePriceActions(storeId: () => number) {
  const { t } = useI18n()
  const { notify } = usePriceError()
  /** `${surveyId}:${lineNo}` of the line being acted on. */
  const busy = ref('')
  const promoted = shallowRef<PriceGapPromoted | null>(null)

  async function promote(surveyId: number, lineNo: number): Promise<PriceGapPromoted | null> {
    busy.value = `${surveyId}:${lineNo}`
    try {
      let done: PriceGapPromoted
      try {
        done = await priceSurveysApi.promote(storeId(), surveyId, lineNo)
      } catch (err) {
        if (!isBelowCost(err)) throw err
        const ok = await ElMessageBox.confirm(t('priceSurveys.promote.belowCost'), t('priceSurveys.promote.belowCostTitle'), {
          type: 'warning',
          confirmButtonText: t('priceSurveys.promote.confirmBelowCost'),
        }).then(() => true, () => false)
        if (!ok) return null
        done = await priceSurveysApi.promote(storeId(), surveyId, lineNo, true)
      }
      promoted.value = done
      ElMessage.success(t('priceSurveys.promote.done', { name: done.name }))
      return done
    } catch (err) {
      notify(err)
      return null
    } finally {
      busy.value = ''
    }
  }

  async function requestChange(surveyId: number, lineNo: number): Promise<boolean> {
    busy.value = `${surveyId}:${lineNo}`
    try {
      await priceSurveysApi.requestChange(storeId(), surveyId, lineNo)
      ElMessage.success(t('priceSurveys.change.done'))
      return true
    } catch (err) {
      notify(err)
      return false
    } finally {
      busy.value = ''
    }
  }

  return { busy, promoted, promote, requestChange }
}
