// The columns of a ResponsiveList: a table column on a desktop, a line of a card on a phone.

export interface ListColumn {
  /** The row's field shown, and the name of its cell slot (`cell-<key>`). */
  key: string
  label: string
  /** Server-side sorting by this field (the list emits `sort`). */
  sortable?: boolean
  minWidth?: number
  width?: number
  align?: 'left' | 'center' | 'right'
  /**
   * Where the field goes on a phone card: 'title' in its heading, 'line' (the default) as a
   * label and value, 'hide' not at all.
   */
  card?: 'title' | 'line' | 'hide'
  /** Left out of the desktop table (shown on cards only). */
  tableHidden?: boolean
}

/** The text of a plain cell: the field's value, or nothing for null. */
export function cellText(row: unknown, key: string): string {
  const value = (row as Record<string, unknown>)[key]
  return value === null || value === undefined ? '' : String(value)
}
