// The counting screen's number pad as pure functions over the text being typed. Quantities
// have at most 3 decimals (the API's fixed-point Qty) and at most 7 whole digits.

export const PAD_KEYS = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '.', '0', 'back'] as const
export type PadKey = (typeof PAD_KEYS)[number] | 'clear'

export const MAX_DECIMALS = 3
export const MAX_WHOLE_DIGITS = 7

/** The text after pressing `key`; keys that would make it invalid leave it unchanged. */
export function pressKey(text: string, key: PadKey): string {
  if (key === 'clear') return ''
  if (key === 'back') return text.slice(0, -1)
  const [whole = '', fraction] = text.split('.')
  if (key === '.') {
    if (fraction !== undefined) return text
    return text === '' ? '0.' : `${text}.`
  }
  if (fraction !== undefined) return fraction.length >= MAX_DECIMALS ? text : text + key
  if (whole === '0') return key // no leading zeros: "0" then "5" is "5"
  if (whole.length >= MAX_WHOLE_DIGITS) return text
  return text + key
}

/** Maps a keyboard key to a pad key (digits, '.', ',', Backspace, Delete/Escape clear). */
export function keyboardKey(key: string): PadKey | null {
  if (/^[0-9]$/.test(key)) return key as PadKey
  if (key === '.' || key === ',') return '.'
  if (key === 'Backspace') return 'back'
  if (key === 'Delete' || key === 'Escape') return 'clear'
  return null
}

/** The typed text as an API quantity with 3 decimals ("12." → "12.000"); null when empty. */
export function toQty(text: string): string | null {
  if (!/^\d+(\.\d*)?$/.test(text)) return null
  const [whole, fraction = ''] = text.split('.')
  return `${String(Number(whole))}.${fraction.padEnd(MAX_DECIMALS, '0')}`
}

/** An API quantity back as pad text ("12.500" → "12.5", "3.000" → "3"). */
export function fromQty(qty: string): string {
  if (!qty.includes('.')) return qty
  return qty.replace(/0+$/, '').replace(/\.$/, '')
}
