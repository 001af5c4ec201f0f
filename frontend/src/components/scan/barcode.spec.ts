import { describe, expect, it } from 'vitest'
import { checkCode, ean13CheckDigit, isCode128Text, isValidEan13, MAX_CODE128_LENGTH } from './barcode'

describe('EAN-13', () => {
  it('computes the check digit with weights 1 and 3', () => {
    // 4006381333931 is the textbook example; the demo catalogue's codes start with 69.
    expect(ean13CheckDigit('400638133393')).toBe(1)
    expect(ean13CheckDigit('692100000002')).toBe(6)
    expect(ean13CheckDigit('000000000000')).toBe(0)
  })

  it('accepts a code with the right check digit only', () => {
    expect(isValidEan13('4006381333931')).toBe(true)
    expect(isValidEan13('4006381333932')).toBe(false)
    expect(isValidEan13('400638133393')).toBe(false)
    expect(isValidEan13('40063813339311')).toBe(false)
    expect(isValidEan13('400638133393a')).toBe(false)
  })

  it('refuses anything but 12 digits for the check digit', () => {
    expect(() => ean13CheckDigit('12345')).toThrow()
  })
})

describe('Code 128 text', () => {
  it('takes printable ASCII up to the length limit', () => {
    expect(isCode128Text('P10001')).toBe(true)
    expect(isCode128Text('SHELF A01-03 #2')).toBe(true)
    expect(isCode128Text('x'.repeat(MAX_CODE128_LENGTH))).toBe(true)
    expect(isCode128Text('x'.repeat(MAX_CODE128_LENGTH + 1))).toBe(false)
  })

  it('refuses empty text, control characters and non-ASCII', () => {
    expect(isCode128Text('')).toBe(false)
    expect(isCode128Text('AB\tC')).toBe(false)
    expect(isCode128Text('金针菇')).toBe(false)
    expect(isCode128Text('café')).toBe(false)
  })
})

describe('checkCode', () => {
  it('trims what a keyboard scanner adds around the code', () => {
    expect(checkCode('  4006381333931\n')).toEqual({ ok: true, code: '4006381333931' })
  })

  it('treats 13 typed digits as EAN-13 and checks them', () => {
    expect(checkCode('4006381333932')).toEqual({ ok: false, reason: 'ean13_check' })
  })

  it('takes other typed text as Code 128', () => {
    expect(checkCode('P10001')).toEqual({ ok: true, code: 'P10001' })
    expect(checkCode('条码')).toEqual({ ok: false, reason: 'charset' })
    expect(checkCode('   ')).toEqual({ ok: false, reason: 'empty' })
  })

  it('follows the format the camera reported', () => {
    expect(checkCode('12345', 'ean_13')).toEqual({ ok: false, reason: 'ean13_check' })
    // A Code 128 label may hold 13 digits that are no EAN-13: its own checksum vouched for it.
    expect(checkCode('1234567890123', 'code_128')).toEqual({ ok: true, code: '1234567890123' })
  })
})
