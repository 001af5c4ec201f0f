// The script half of a dialog that creates one record or edits it with its version: the
// form filled from the record when the dialog opens, the 409 reload that reads the record
// again, the save that creates or updates, and the title and messages that follow from
// whether it edits. `dialog` holds FormDialog's props for `v-bind`, so each page keeps only
// its fields and the calls that are its own. The texts follow one convention in the page's
// message module `<texts>`: `create` and `editTitle` title the dialog (the record's fields
// fill its {placeholders}, e.g. `编辑商品 {sku}`), `created` follows a create, and `taken`
// marks the unique field when the server answers that it is in use.
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FormRules } from 'element-plus'

export interface EntityFormOptions<T, F> {
  /** The record the dialog edits, or null to create one (usually a prop). */
  record: () => T | null
  /** The form's values for a record, or the empty form for a new one. */
  formFrom: (record: T | null) => F
  rules: (form: F, editing: boolean) => FormRules
  /** Reads the record again after a 409 stale version. */
  fetch: (record: T) => Promise<T>
  create: (form: F) => Promise<unknown>
  /** Gets the record as last read, so the update carries its id and version. */
  update: (record: T, form: F) => Promise<unknown>
  /** The message module whose `create`, `editTitle`, `created` and `taken` the dialog shows. */
  texts: string
  /** FormDialog's test id prefix. */
  testid: string
  /** The field that is unique on the server. */
  uniqueField: string
}

/** A record API as the dialogs use it: read one by its key, create, update by key. */
export interface EntityApi<T, K, C, U> {
  get: (key: K) => Promise<T>
  create: (body: C) => Promise<unknown>
  update: (key: K, body: U) => Promise<unknown>
}

/**
 * The `fetch`, `create` and `update` of the options for a record API, the record's key (its
 * id or code) and the form's two requests: the calls every dialog of a plain record makes.
 */
export function entityCalls<T, K, C, U, F>(
  api: EntityApi<T, K, C, U>,
  key: (record: T) => K,
  toCreate: (form: F) => C,
  toUpdate: (form: F, record: T) => U,
): Pick<EntityFormOptions<T, F>, 'fetch' | 'create' | 'update'> {
  return {
    fetch: (record) => api.get(key(record)),
    create: (form) => api.create(toCreate(form)),
    update: (record, form) => api.update(key(record), toUpdate(form, record)),
  }
}

/** A record's fields as a title's named {placeholders}. */
const fields = (record: unknown) => (record ?? {}) as Record<string, unknown>

export function useEntityForm<T, F extends object>(options: EntityFormOptions<T, F>) {
  const { t } = useI18n()
  const original = ref<T | null>(null) as Ref<T | null>
  const form = ref(options.formFrom(null)) as Ref<F>
  const editing = computed(() => options.record() !== null)

  function fill(record: T | null): void {
    original.value = record
    form.value = options.formFrom(record)
  }

  async function reload(): Promise<void> {
    if (original.value !== null) fill(await options.fetch(original.value))
  }

  const save = () => (original.value !== null ? options.update(original.value, form.value) : options.create(form.value))

  const dialog = computed(() => ({
    title: editing.value ? t(`${options.texts}.editTitle`, fields(options.record())) : t(`${options.texts}.create`),
    model: form.value,
    rules: options.rules(form.value, editing.value),
    submit: save,
    reload,
    testid: options.testid,
    successMessage: editing.value ? t('common.saved') : t(`${options.texts}.created`),
    duplicateField: options.uniqueField,
    duplicateMessage: t(`${options.texts}.taken`),
    onOpen: () => fill(options.record()),
  }))

  return { form, editing, dialog }
}
