// What counts as a barcode here: the retail EAN-13 on packs (checked by its check digit,
// which catches a misread or mistyped digit) and Code 128 as printed on shelf labels and
// in-store labels (any ASCII text; the symbol carries its own checksum, so the camera's
// reading is trusted once it decodes). Pure functions, unit-tested.

/** The symbologies the scanner reads. */
export type BarcodeFormat = 'ean_13' | 'code_128'

export const SCAN_FORMATS: readonly BarcodeFormat[] = ['ean_13', 'code_128']

/** Longest Code 128 text accepted: a label never holds more, a runaway read does. */
export const MAX_CODE128_LENGTH = 80

/** The check digit of the first 12 digits of an EAN-13 code. */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error(`expected 12 digits, got "${first12}"`)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 1 ? 3 : 1)
  return (10 - (sum % 10)) % 10
}

/** Whether `code` is 13 digits whose last is the right check digit. */
export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12])
}

/**
 * Whether `code` can be Code 128 data: 1–80 characters of ASCII (sets A and B cover
 * 0–127; set C is digit pairs). Control characters other than what a label holds are
 * refused, since a scanner that "types" them means a wrong reading.
 */
export function isCode128Text(code: string): boolean {
  if (code.length === 0 || code.length > MAX_CODE128_LENGTH) return false
  return /^[\x20-\x7e]+$/.test(code)
}

export type CodeCheck = { ok: true; code: string } | { ok: false; reason: 'empty' | 'ean13_check' | 'charset' }

/**
 * Checks a code read by the camera (`format` known) or typed / sent by a keyboard scanner
 * (`format` undefined: 13 digits must then be a valid EAN-13, anything else printable
 * ASCII is taken as Code 128). Surrounding blanks, which scanners often add, are dropped.
 */
export function checkCode(raw: string, format?: BarcodeFormat): CodeCheck {
  const code = raw.trim()
  if (!code) return { ok: false, reason: 'empty' }
  if (format === 'ean_13' || (format === undefined && /^\d{13}$/.test(code))) {
    return isValidEan13(code) ? { ok: true, code } : { ok: false, reason: 'ean13_check' }
  }
  return isCode128Text(code) ? { ok: true, code } : { ok: false, reason: 'charset' }
}
