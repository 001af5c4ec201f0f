// Failures of shrink calls in words: the refusals the screens know in ours, the rest through
// the shared error texts.
import { useRefusalError } from '@/composables/useApiError'
import { shrinkErrorKey } from './shrinkFormat'

export const useShrinkError = () => useRefusalError(shrinkErrorKey)
