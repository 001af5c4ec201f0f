// The columns of the shrink lists (write-offs, the approval queue, markdowns, the report's
// tables), one place for each field's width, alignment and place on a phone card; a list names
// its fields in order and each is labelled `shrink.fields.<field>`.
import type { ListColumn } from '@/components/shared/listColumns'

type Layout = Omit<ListColumn, 'key' | 'label'>

const FIGURE: Layout = { width: 110, align: 'right' }

const LAYOUT = {
  name: { minWidth: 160, card: 'title' },
  status: { width: 120, card: 'title' },
  department_code: { minWidth: 110, card: 'title' },
  business_date: { width: 110 },
  reason: { width: 100 },
  created_by_name: { width: 110 },
  qty: FIGURE,
  value: FIGURE,
  discount_pct: { ...FIGURE, width: 130 },
  markdown_price: { ...FIGURE, width: 140 },
  loss: FIGURE,
  write_off: FIGURE,
  markdown: FIGURE,
  stocktake: FIGURE,
  total: FIGURE,
  net_sales: { ...FIGURE, width: 120 },
  shrink_pct: { ...FIGURE, width: 100 },
  budget: FIGURE,
  budget_used_pct: { ...FIGURE, width: 100 },
  write_off_qty: FIGURE,
  markdown_qty: FIGURE,
} satisfies Record<string, Layout>

export type ShrinkField = keyof typeof LAYOUT

/** The columns of `fields`, in that order, labelled in the reader's language. */
export function shrinkColumns(t: (key: string) => string, fields: readonly ShrinkField[]): ListColumn[] {
  return fields.map((key) => ({ key, label: t(`shrink.fields.${key}`), ...LAYOUT[key] }))
}
