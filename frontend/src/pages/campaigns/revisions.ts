// What one revision of a published campaign changed, as lines to read: fields before → after,
// items added, removed and repriced, tasks added. The summary comes from the server as JSON;
// it is read defensively (a missing list, an odd entry or an unknown field is skipped or shown
// as it is, never a crash), so an older or newer summary still reads.

/** One line: a message key and its values (the page translates it). */
export interface ChangeLine {
  key: string
  values: Record<string, string>
}

const FIELDS = ['name', 'note', 'ends_on'] as const

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** The lines of a revision's summary, in the order fields, items added/removed/repriced, tasks. */
export function summaryLines(summary: unknown): ChangeLine[] {
  if (!isObject(summary)) return []
  const lines: ChangeLine[] = []
  for (const f of list(summary.fields)) {
    if (!isObject(f) || !text(f.field)) continue
    const field = text(f.field)
    const known = (FIELDS as readonly string[]).includes(field)
    lines.push({ key: 'campaigns.history.field', values: { field: known ? `campaigns.history.fields.${field}` : field, before: text(f.before) || '—', after: text(f.after) || '—' } })
  }
  const items: [string, string][] = [['items_added', 'added'], ['items_removed', 'removed'], ['items_repriced', 'repriced']]
  for (const [name, key] of items) {
    for (const i of list(summary[name])) {
      if (!isObject(i) || !text(i.sku)) continue
      lines.push({ key: `campaigns.history.${key}`, values: { sku: text(i.sku), name: text(i.name), before: text(i.before) || '—', after: text(i.after) || '—' } })
    }
  }
  for (const title of list(summary.tasks_added)) {
    if (typeof title === 'string' && title) lines.push({ key: 'campaigns.history.taskAdded', values: { title } })
  }
  return lines
}

/** The lines as text, with `say` the page's translation (field names translated too). */
export function summaryText(summary: unknown, say: (key: string, values?: Record<string, string>) => string): string[] {
  return summaryLines(summary).map(({ key, values }) =>
    say(key, values.field?.startsWith('campaigns.') ? { ...values, field: say(values.field) } : values),
  )
}
