// The camera's states as a small pure machine, so every path (permission asked, refused,
// no camera, camera busy, a code found, closed meanwhile) is unit-tested without a camera.
//
//   idle ──open──▶ starting ──started──▶ scanning ──detected──▶ idle
//                     │                     │
//                     └──── error ──────────┴──▶ denied | no_camera | insecure | failed
//   any ──close──▶ idle;   a problem state ──open──▶ starting (try again)

export type ScanState = 'idle' | 'starting' | 'scanning' | 'denied' | 'no_camera' | 'insecure' | 'failed'

/** Why the camera cannot be used: each has its own message and the typed field stays. */
export type CameraProblem = 'denied' | 'no_camera' | 'insecure' | 'failed'

export type ScanEvent =
  | { type: 'open' }
  | { type: 'started' }
  | { type: 'error'; problem: CameraProblem }
  | { type: 'detected' }
  | { type: 'close' }

const PROBLEMS: readonly ScanState[] = ['denied', 'no_camera', 'insecure', 'failed']

/** The state after `event`; events that do not apply leave the state as it is. */
export function nextScanState(state: ScanState, event: ScanEvent): ScanState {
  switch (event.type) {
    case 'open':
      return state === 'idle' || PROBLEMS.includes(state) ? 'starting' : state
    case 'started':
      return state === 'starting' ? 'scanning' : state
    case 'error':
      return state === 'starting' || state === 'scanning' ? event.problem : state
    case 'detected':
      return state === 'scanning' ? 'idle' : state
    case 'close':
      return 'idle'
  }
}

/** Whether the camera view is shown (and the stream, if any, must be kept running). */
export function isCameraActive(state: ScanState): boolean {
  return state === 'starting' || state === 'scanning'
}

/** Whether the state is a problem to tell the user about (under the typed field). */
export function isProblem(state: ScanState): state is CameraProblem {
  return PROBLEMS.includes(state)
}

/**
 * Sorts a getUserMedia failure: a refused permission, no (usable) camera, or anything else
 * (typically the camera held by another app). Names are the DOMException names browsers use.
 */
export function problemOf(error: unknown): CameraProblem {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') return 'no_camera'
  return 'failed'
}

/**
 * Whether this page can ask for the camera at all. Browsers offer getUserMedia only on
 * HTTPS or localhost; a store's LAN address over plain HTTP gets `insecure`, not a prompt.
 */
export function cameraSupport(win: { isSecureContext?: boolean; navigator?: Navigator } | undefined): 'ok' | 'insecure' | 'no_camera' {
  if (!win) return 'no_camera'
  if (win.isSecureContext === false) return 'insecure'
  return typeof win.navigator?.mediaDevices?.getUserMedia === 'function' ? 'ok' : 'no_camera'
}
