// Reads a barcode from the current video frame. The browser's own BarcodeDetector is used
// where it reads both formats (Android Chrome, macOS); elsewhere (iOS Safari, desktop
// Linux/Windows Chrome, Firefox) ZXing's JavaScript port is loaded on first use, so it is
// never part of the login or layout bundles.
import type { BarcodeFormat } from './barcode'

/** One code read from a frame. */
export interface Detection {
  code: string
  format: BarcodeFormat
}

/** Something that looks at one video frame at a time. */
export interface FrameDetector {
  /** The code in the frame, or null when none was read. */
  detect(video: HTMLVideoElement): Promise<Detection | null>
}

// The Shape Detection API is not in TypeScript's DOM library yet.
interface NativeBarcodeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string; format: string }[]>
}
interface NativeBarcodeDetectorClass {
  new (options: { formats: string[] }): NativeBarcodeDetector
  getSupportedFormats(): Promise<string[]>
}

async function nativeDetector(formats: readonly BarcodeFormat[]): Promise<FrameDetector | null> {
  const Native = (globalThis as { BarcodeDetector?: NativeBarcodeDetectorClass }).BarcodeDetector
  if (!Native) return null
  try {
    const supported = await Native.getSupportedFormats()
    if (!formats.every((f) => supported.includes(f))) return null
    const detector = new Native({ formats: [...formats] })
    return {
      async detect(video) {
        const found = (await detector.detect(video)).find((b) => (formats as readonly string[]).includes(b.format))
        return found ? { code: found.rawValue, format: found.format as BarcodeFormat } : null
      },
    }
  } catch {
    // Present but unusable (some builds throw on construction): use ZXing.
    return null
  }
}

/** The best detector this browser offers for `formats`. */
export async function createDetector(formats: readonly BarcodeFormat[]): Promise<FrameDetector> {
  const native = await nativeDetector(formats)
  if (native) return native
  const { zxingDetector } = await import('./zxingDetector')
  return zxingDetector(formats)
}
