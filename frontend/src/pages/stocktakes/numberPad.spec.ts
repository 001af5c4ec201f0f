import { describe, expect, it } from 'vitest'
import { fromQty, keyboardKey, pressKey, toQty, type PadKey } from './numberPad'

const type = (keys: PadKey[], start = '') => keys.reduce(pressKey, start)

describe('number pad', () => {
  it('types a decimal quantity', () => {
    expect(type(['1', '2', '.', '5'])).toBe('12.5')
    expect(type(['.', '5'])).toBe('0.5')
  })

  it('allows at most 3 decimals and one point', () => {
    expect(type(['1', '.', '2', '3', '4', '5'])).toBe('1.234')
    expect(type(['1', '.', '2', '.', '3'])).toBe('1.23')
  })

  it('drops leading zeros and caps whole digits', () => {
    expect(type(['0', '0', '7'])).toBe('7')
    expect(type(['0', '.', '0', '5'])).toBe('0.05')
    expect(type(['1', '2', '3', '4', '5', '6', '7', '8'])).toBe('1234567')
  })

  it('deletes with backspace and clears', () => {
    expect(type(['1', '.', '5', 'back'])).toBe('1.')
    expect(type(['1', '.', '5', 'back', 'back', 'back', 'back'])).toBe('')
    expect(type(['9', 'clear'])).toBe('')
  })

  it('maps the keyboard', () => {
    expect(keyboardKey('7')).toBe('7')
    expect(keyboardKey(',')).toBe('.')
    expect(keyboardKey('Backspace')).toBe('back')
    expect(keyboardKey('Escape')).toBe('clear')
    expect(keyboardKey('a')).toBeNull()
  })

  it('converts to and from API quantities', () => {
    expect(toQty('12.')).toBe('12.000')
    expect(toQty('0.05')).toBe('0.050')
    expect(toQty('007')).toBe('7.000')
    expect(toQty('')).toBeNull()
    expect(fromQty('12.500')).toBe('12.5')
    expect(fromQty('3.000')).toBe('3')
  })
})
