// Toasts for order plan calls: the refusals the screens know in our words, the rest through
// the shared error texts.
import { useRefusalError } from '@/composables/useApiError'
import { orderingErrorKey } from './planStatus'

export const useOrderingError = () => useRefusalError(orderingErrorKey)
