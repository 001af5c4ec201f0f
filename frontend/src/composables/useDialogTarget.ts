// A dialog about one record of a list: whether it is open and which record it shows
// (null to create one).
import { ref, shallowRef, type Ref } from 'vue'

export function useDialogTarget<T>() {
  const open = ref(false)
  const target = shallowRef<T | null>(null) as Ref<T | null>

  /** Opens the dialog on `record`, or empty for a new one. */
  function show(record: T | null): void {
    target.value = record
    open.value = true
  }

  return { open, target, show }
}
