// The columns of the safety lists, labelled `safety.fields.<field>`, with each field's width and
// place on a phone card.
import type { ListColumn } from '@/components/shared/listColumns'

type Layout = Omit<ListColumn, 'key' | 'label'>

const LAYOUT = {
  title: { minWidth: 180, card: 'title' },
  result: { width: 110, card: 'title' },
  state: { width: 110, card: 'title' },
  area: { width: 110 },
  department_code: { width: 110 },
  score: { width: 90, align: 'right' },
  inspector_name: { width: 110 },
  business_date: { width: 110 },
  frequency: { width: 130 },
  due_date: { width: 110 },
  last_done: { width: 110 },
} satisfies Record<string, Layout>

export type SafetyField = keyof typeof LAYOUT

export function safetyColumns(t: (key: string) => string, fields: readonly SafetyField[]): ListColumn[] {
  return fields.map((key) => ({ key, label: t(`safety.fields.${key}`), ...(LAYOUT[key] as Layout) }))
}
