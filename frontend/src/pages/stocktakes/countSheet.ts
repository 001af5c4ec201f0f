// What one counter enters for one zone before sending it: a list of SKU lines. Decision:
// entering a SKU that is already on the list ADDS to it (the same product found in a
// second spot of the zone: "3 here, 2 there" gives 5) — the counter sees the new total and
// can edit the line to set it instead. The API sums duplicate SKUs on a sheet the same way,
// and a sheet sent again replaces the counter's earlier sheet of the zone (set, never add),
// so the whole list is always sent.
import type { CountLine, CountSheet } from '@/api/stocktakes'

export interface SheetEntry {
  sku: string
  name: string
  unit: string
  /** API quantity with 3 decimals. */
  qty: string
}

/** "12.345" → 12345 thousandths (exact integer arithmetic, no floating point). */
export function toMilli(qty: string): number {
  const negative = qty.startsWith('-')
  const [whole = '0', fraction = ''] = qty.replace(/^-/, '').split('.')
  const value = Number(whole) * 1000 + Number(fraction.padEnd(3, '0').slice(0, 3))
  return negative ? -value : value
}

/** 12345 thousandths → "12.345". */
export function fromMilli(milli: number): string {
  const sign = milli < 0 ? '-' : ''
  const abs = Math.abs(milli)
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, '0')}`
}

export function addQty(a: string, b: string): string {
  return fromMilli(toMilli(a) + toMilli(b))
}

/** Adds an entry: a SKU already listed gets the quantity added and moves to the top. */
export function addEntry(entries: SheetEntry[], entry: SheetEntry): { entries: SheetEntry[]; summed: boolean } {
  const existing = entries.find((e) => e.sku === entry.sku)
  if (!existing) return { entries: [entry, ...entries], summed: false }
  const merged = { ...existing, qty: addQty(existing.qty, entry.qty) }
  return { entries: [merged, ...entries.filter((e) => e.sku !== entry.sku)], summed: true }
}

/** Sets a listed SKU's quantity (editing a line replaces, it does not add). */
export function setEntryQty(entries: SheetEntry[], sku: string, qty: string): SheetEntry[] {
  return entries.map((e) => (e.sku === sku ? { ...e, qty } : e))
}

export function removeEntry(entries: SheetEntry[], sku: string): SheetEntry[] {
  return entries.filter((e) => e.sku !== sku)
}

/** The lines to send: one per SKU (duplicates summed), in SKU order for a stable body. */
export function sheetLines(entries: SheetEntry[]): CountLine[] {
  const sums = new Map<string, number>()
  for (const e of entries) sums.set(e.sku, (sums.get(e.sku) ?? 0) + toMilli(e.qty))
  return [...sums.keys()].sort().map((sku) => ({ sku, qty: fromMilli(sums.get(sku)!) }))
}

export function buildSheet(zone: string, entries: SheetEntry[], recount = false): CountSheet {
  return recount ? { zone, lines: sheetLines(entries), recount: true } : { zone, lines: sheetLines(entries) }
}

/** A random UUID, also where crypto.randomUUID is missing (plain http on a store's LAN). */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A sheet waiting to be sent: its body and the Idempotency-Key it was (or will be) sent with. */
export interface PendingSend {
  body: string
  key: string
}

/**
 * The Idempotency-Key for sending `sheet`: a retry of the very same body reuses the pending
 * key (so a lost answer never stores the sheet twice); a changed sheet gets a fresh key.
 */
export function keyFor(sheet: CountSheet, pending: PendingSend | null, uuid: () => string = newUuid): PendingSend {
  const body = JSON.stringify(sheet)
  if (pending && pending.body === body) return pending
  return { body, key: uuid() }
}

/** Whether a failed send may be retried with the same key (the answer may have been lost). */
export function keepKeyAfter(status: number): boolean {
  return status === 0 || status >= 500 || status === 429
}
