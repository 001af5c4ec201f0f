// Field errors from the server's `error.fields`, shown next to form fields
// (`<el-form-item :error="errors.fields.username">`), plus one general message.
import { reactive } from 'vue'
import { ApiError, type FieldErrors } from '@/api/http'

export function useFormErrors() {
  const errors = reactive({ fields: {} as FieldErrors, general: '' })

  function clear(): void {
    errors.fields = {}
    errors.general = ''
  }

  /** Shows a failed save: its field errors by the fields and a sentence above the form. */
  function apply(err: unknown, describe: (err: unknown) => string): void {
    clear()
    if (err instanceof ApiError) errors.fields = { ...err.fields }
    errors.general = describe(err)
  }

  return { errors, clear, apply }
}
