// The colour of a stocktake's status tag. What may be done in each status is not decided
// here: the screens show buttons from the stocktake's `allowed_actions` only.
import type { StocktakeStatus } from '@/api/stocktakes'

export const STATUS_TAG: Record<StocktakeStatus, 'info' | 'warning' | 'primary' | 'success'> = {
  planned: 'info',
  counting: 'warning',
  submitted: 'primary',
  approved: 'success',
}
