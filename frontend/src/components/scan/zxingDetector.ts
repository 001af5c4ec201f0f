// ZXing's JavaScript port as a frame detector, for browsers without BarcodeDetector. Only
// the 1-D readers are built (EAN-13 and Code 128); imported lazily by detector.ts.
import { BrowserMultiFormatOneDReader } from '@zxing/browser'
import { BarcodeFormat as ZxingFormat, ChecksumException, DecodeHintType, FormatException, NotFoundException } from '@zxing/library'
import type { BarcodeFormat } from './barcode'
import type { FrameDetector } from './detector'

const TO_ZXING: Record<BarcodeFormat, ZxingFormat> = {
  ean_13: ZxingFormat.EAN_13,
  code_128: ZxingFormat.CODE_128,
}

/** A detector that decodes the video's current frame on the main thread. */
export function zxingDetector(formats: readonly BarcodeFormat[]): FrameDetector {
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, formats.map((f) => TO_ZXING[f])],
    // Phones hold the pack at an angle and in poor light: look harder, it is a few frames a second.
    [DecodeHintType.TRY_HARDER, true],
  ])
  const reader = new BrowserMultiFormatOneDReader(hints)
  return {
    async detect(video) {
      try {
        const result = reader.decode(video)
        const format = formats.find((f) => TO_ZXING[f] === result.getBarcodeFormat())
        return format ? { code: result.getText(), format } : null
      } catch (err) {
        // No code in this frame, or a misread that failed its checksum: try the next frame.
        if (err instanceof NotFoundException || err instanceof ChecksumException || err instanceof FormatException) return null
        throw err
      }
    },
  }
}
