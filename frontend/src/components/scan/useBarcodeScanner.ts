// Opens the rear camera, reads frames a few times a second until a valid code is found,
// and always stops the camera again: on a code, on close, on a problem and on unmount (a
// camera left running keeps the phone's light on and drains its battery).
import { nextTick, onBeforeUnmount, ref, type Ref } from 'vue'
import { checkCode, SCAN_FORMATS, type BarcodeFormat } from './barcode'
import { createDetector, type FrameDetector } from './detector'
import { cameraSupport, nextScanState, problemOf, type ScanEvent, type ScanState } from './scanState'

/** Milliseconds between two looks at the video: enough for a steady hand, light on the CPU. */
const FRAME_INTERVAL_MS = 200

const CONSTRAINTS: MediaStreamConstraints = {
  audio: false,
  // The rear camera where there is one; 720p is plenty for a 1-D code a hand's width away.
  video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
}

export function useBarcodeScanner(
  video: Ref<HTMLVideoElement | null>,
  onCode: (code: string) => void,
  formats: readonly BarcodeFormat[] = SCAN_FORMATS,
) {
  const state = ref<ScanState>('idle')
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let detector: Promise<FrameDetector> | null = null
  // Bumped on every open and close, so a permission answer that arrives after the user
  // closed the camera is recognised as stale and its stream stopped at once.
  let session = 0

  const send = (event: ScanEvent) => {
    state.value = nextScanState(state.value, event)
  }

  function stopStream(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    for (const track of stream?.getTracks() ?? []) track.stop()
    stream = null
    if (video.value) video.value.srcObject = null
  }

  function fail(mine: number, error: unknown): void {
    if (mine !== session) return
    stopStream()
    send({ type: 'error', problem: problemOf(error) })
  }

  async function look(mine: number, frames: FrameDetector): Promise<void> {
    if (mine !== session || state.value !== 'scanning') return
    const el = video.value
    if (el && el.readyState >= 2) {
      try {
        const hit = await frames.detect(el)
        const checked = hit ? checkCode(hit.code, hit.format) : null
        if (checked?.ok && mine === session) {
          stopStream()
          send({ type: 'detected' })
          onCode(checked.code)
          return
        }
      } catch {
        // A frame the decoder choked on: the next one may do.
      }
    }
    if (mine === session) timer = setTimeout(() => void look(mine, frames), FRAME_INTERVAL_MS)
  }

  async function open(): Promise<void> {
    if (state.value === 'starting' || state.value === 'scanning') return
    send({ type: 'open' })
    const mine = ++session
    const support = cameraSupport(typeof window === 'undefined' ? undefined : window)
    if (support !== 'ok') {
      send({ type: 'error', problem: support })
      return
    }
    // The decoder loads while the permission prompt is up. A failed load is reported when
    // it is awaited below, and tried again on the next open.
    if (!detector) {
      const loading = createDetector(formats)
      loading.catch(() => {
        if (detector === loading) detector = null
      })
      detector = loading
    }
    const decoder = detector
    let media: MediaStream
    try {
      media = await navigator.mediaDevices.getUserMedia(CONSTRAINTS)
    } catch (err) {
      fail(mine, err)
      return
    }
    if (mine !== session) {
      for (const track of media.getTracks()) track.stop()
      return
    }
    stream = media
    for (const track of media.getVideoTracks()) track.addEventListener('ended', () => fail(mine, new Error('camera ended')))
    try {
      const frames = await decoder
      await nextTick()
      const el = video.value
      if (mine !== session) return
      if (!el) throw new Error('no video element')
      el.srcObject = media
      await el.play()
      if (mine !== session) return
      send({ type: 'started' })
      void look(mine, frames)
    } catch (err) {
      // Playing can be interrupted by a close; anything else means the camera is unusable.
      if (mine === session) fail(mine, err)
    }
  }

  function close(): void {
    session++
    stopStream()
    send({ type: 'close' })
  }

  onBeforeUnmount(close)

  return { state, open, close }
}
