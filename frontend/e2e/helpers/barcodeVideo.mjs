// Makes a fake camera stream for Chromium (--use-file-for-fake-video-capture): a few
// frames of uncompressed Y4M (YUV 4:2:0) showing one EAN-13 barcode, drawn from the
// EAN-13 encoding tables here rather than with the app's decoder library, so the test
// checks the decoder against an independent encoder. Kept as code, not as a binary file.
import { writeFile } from 'node:fs/promises'

// Module patterns of the digits 0–9: odd parity (L), even parity (G) and right-hand (R).
const L = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011']
const G = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111']
const R = L.map((bits) => [...bits].map((b) => (b === '1' ? '0' : '1')).join(''))
// The first digit is not drawn: it picks which of the left six digits use G instead of L.
const PARITY = ['LLLLLL', 'LLGLGG', 'LLGGLG', 'LLGGGL', 'LGLLGG', 'LGGLLG', 'LGGGLL', 'LGLGLG', 'LGLGGL', 'LGGLGL']

/** The check digit of the first 12 digits. */
export function ean13Check(digits12) {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(digits12[i]) * (i % 2 === 1 ? 3 : 1)
  return String((10 - (sum % 10)) % 10)
}

/** The 95 modules ('1' = bar) of a 13-digit EAN-13 code with a correct check digit. */
export function ean13Modules(code) {
  if (!/^\d{13}$/.test(code) || ean13Check(code.slice(0, 12)) !== code[12]) throw new Error(`not an EAN-13 code: ${code}`)
  const digits = [...code].map(Number)
  const parity = PARITY[digits[0]]
  let bits = '101'
  for (let i = 1; i <= 6; i++) bits += (parity[i - 1] === 'L' ? L : G)[digits[i]]
  bits += '01010'
  for (let i = 7; i <= 12; i++) bits += R[digits[i]]
  return bits + '101'
}

/**
 * Y4M bytes of `frames` identical grey frames, width × height, with the barcode black on
 * white in the middle (modules `moduleWidth` pixels wide, quiet zones included); a `null`
 * code gives white frames, a camera pointed at nothing readable.
 */
export function barcodeY4M(code, { width = 640, height = 480, moduleWidth = 4, frames = 3 } = {}) {
  const modules = code === null ? '' : ean13Modules(code)
  const codeWidth = modules.length * moduleWidth
  if (codeWidth + 20 * moduleWidth > width) throw new Error('the barcode does not fit the frame')
  const left = Math.floor((width - codeWidth) / 2)
  const top = Math.floor(height * 0.3)
  const bottom = Math.floor(height * 0.7)

  const luma = Buffer.alloc(width * height, 235) // white (video range)
  for (let y = top; y < bottom; y++) {
    for (let m = 0; m < modules.length; m++) {
      if (modules[m] === '1') luma.fill(16, y * width + left + m * moduleWidth, y * width + left + (m + 1) * moduleWidth)
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128) // no colour
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'latin1')
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'latin1'), luma, chroma, chroma])
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)])
}

/** Writes the stream to `path` for Chromium's fake camera. */
export async function writeBarcodeVideo(path, code, options) {
  await writeFile(path, barcodeY4M(code, options))
  return path
}
