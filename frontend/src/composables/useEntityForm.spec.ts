import { beforeEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, ref } from 'vue'
import { i18n, setLocale } from '@/i18n'
import { entityCalls, useEntityForm, type EntityFormOptions } from './useEntityForm'

interface Thing {
  id: number
  name: string
  version: number
}

type ThingForm = { name: string }

/** Runs the composable in a component, as a dialog would, on the record in `record`. */
function setup(overrides: Partial<EntityFormOptions<Thing, ThingForm>> = {}) {
  const record = ref<Thing | null>(null)
  const calls = {
    fetch: vi.fn(async (thing: Thing) => ({ ...thing, name: 'fresh', version: thing.version + 1 })),
    create: vi.fn(async (_form: ThingForm) => ({})),
    update: vi.fn(async (_thing: Thing, _form: ThingForm) => ({})),
  }
  let result!: ReturnType<typeof useEntityForm<Thing, ThingForm>>
  mount(
    defineComponent({
      setup() {
        result = useEntityForm<Thing, ThingForm>({
          record: () => record.value,
          formFrom: (thing) => ({ name: thing?.name ?? '' }),
          rules: (_form, editing) => ({ name: editing ? [] : [{ required: true }] }),
          ...calls,
          texts: 'things',
          testid: 'thing',
          uniqueField: 'name',
          ...overrides,
        })
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return { record, calls, ...result }
}

beforeEach(() => {
  setLocale('en')
  // The texts a page's message module gives a dialog, by the convention's keys.
  i18n.global.mergeLocaleMessage('en', { things: { create: 'new', editTitle: 'edit {name}', created: 'created', taken: 'taken' } })
})

describe('useEntityForm', () => {
  it('creates from the empty form when there is no record', async () => {
    const { dialog, form, editing, calls } = setup()
    dialog.value.onOpen()
    form.value.name = 'apple'
    await dialog.value.submit()
    expect(editing.value).toBe(false)
    expect(calls.create).toHaveBeenCalledWith({ name: 'apple' })
    expect(calls.update).not.toHaveBeenCalled()
    expect(dialog.value).toMatchObject({
      title: 'new',
      successMessage: 'created',
      testid: 'thing',
      duplicateField: 'name',
      duplicateMessage: 'taken',
      rules: { name: [{ required: true }] },
    })
  })

  it('fills the form from the record on open and updates that record', async () => {
    const { record, dialog, form, editing, calls } = setup()
    record.value = { id: 7, name: 'pear', version: 3 }
    dialog.value.onOpen()
    expect(form.value).toEqual({ name: 'pear' })
    expect(dialog.value.model).toBe(form.value)
    expect(editing.value).toBe(true)
    expect(dialog.value.title).toBe('edit pear')
    expect(dialog.value.successMessage).toBe('Saved')
    expect(dialog.value.rules).toEqual({ name: [] })
    form.value.name = 'plum'
    await dialog.value.submit()
    expect(calls.update).toHaveBeenCalledWith({ id: 7, name: 'pear', version: 3 }, { name: 'plum' })
    expect(calls.create).not.toHaveBeenCalled()
  })

  it('reloads the record after a conflict and saves with the version read again', async () => {
    const { record, dialog, form, calls } = setup()
    record.value = { id: 7, name: 'pear', version: 3 }
    dialog.value.onOpen()
    form.value.name = 'edited'
    await dialog.value.reload()
    expect(calls.fetch).toHaveBeenCalledWith({ id: 7, name: 'pear', version: 3 })
    expect(form.value).toEqual({ name: 'fresh' })
    await dialog.value.submit()
    expect(calls.update).toHaveBeenCalledWith({ id: 7, name: 'fresh', version: 4 }, { name: 'fresh' })
  })

  it('does not reload when it creates', async () => {
    const { dialog, calls } = setup()
    dialog.value.onOpen()
    await dialog.value.reload()
    expect(calls.fetch).not.toHaveBeenCalled()
  })
})

describe('entityCalls', () => {
  it('reads, creates and updates through the API by the record\'s key, with the form\'s requests', async () => {
    const api = {
      get: vi.fn(async (id: number) => ({ id, name: 'read', version: 2 })),
      create: vi.fn(async (_body: { name: string }) => ({})),
      update: vi.fn(async (_id: number, _body: { name?: string; version: number }) => ({})),
    }
    const calls = entityCalls(
      api,
      (thing: Thing) => thing.id,
      (form: ThingForm) => ({ name: form.name.trim() }),
      (form: ThingForm, thing: Thing) => ({ name: form.name, version: thing.version }),
    )
    const thing = { id: 7, name: 'old', version: 2 }
    expect(await calls.fetch(thing)).toEqual({ id: 7, name: 'read', version: 2 })
    await calls.create({ name: ' new ' })
    await calls.update(thing, { name: 'renamed' })
    expect(api.get).toHaveBeenCalledWith(7)
    expect(api.create).toHaveBeenCalledWith({ name: 'new' })
    expect(api.update).toHaveBeenCalledWith(7, { name: 'renamed', version: 2 })
  })
})
