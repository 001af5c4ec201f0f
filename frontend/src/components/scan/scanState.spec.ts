import { describe, expect, it } from 'vitest'
import { cameraSupport, isCameraActive, isProblem, nextScanState, problemOf, type ScanEvent, type ScanState } from './scanState'

function run(events: ScanEvent[], from: ScanState = 'idle'): ScanState {
  return events.reduce(nextScanState, from)
}

describe('nextScanState', () => {
  it('asks, scans and closes itself once a code is found', () => {
    expect(run([{ type: 'open' }])).toBe('starting')
    expect(run([{ type: 'open' }, { type: 'started' }])).toBe('scanning')
    expect(run([{ type: 'open' }, { type: 'started' }, { type: 'detected' }])).toBe('idle')
  })

  it('lands on the problem while asking or scanning', () => {
    expect(run([{ type: 'open' }, { type: 'error', problem: 'denied' }])).toBe('denied')
    expect(run([{ type: 'open' }, { type: 'started' }, { type: 'error', problem: 'failed' }])).toBe('failed')
  })

  it('lets the user try again after a problem', () => {
    expect(run([{ type: 'open' }], 'denied')).toBe('starting')
    expect(run([{ type: 'open' }], 'no_camera')).toBe('starting')
  })

  it('ignores a late camera after close: the caller sees it is not starting and stops it', () => {
    expect(run([{ type: 'open' }, { type: 'close' }, { type: 'started' }])).toBe('idle')
    expect(run([{ type: 'open' }, { type: 'close' }, { type: 'error', problem: 'denied' }])).toBe('idle')
  })

  it('does not restart while already open, nor detect before scanning', () => {
    expect(run([{ type: 'open' }], 'scanning')).toBe('scanning')
    expect(run([{ type: 'detected' }], 'starting')).toBe('starting')
  })

  it('tells which states show the camera and which are problems', () => {
    expect(['starting', 'scanning'].every((s) => isCameraActive(s as ScanState))).toBe(true)
    expect(isCameraActive('denied')).toBe(false)
    expect(isProblem('insecure')).toBe(true)
    expect(isProblem('idle')).toBe(false)
  })
})

describe('problemOf', () => {
  const err = (name: string) => new DOMException('x', name)

  it('sorts getUserMedia failures by name', () => {
    expect(problemOf(err('NotAllowedError'))).toBe('denied')
    expect(problemOf(err('SecurityError'))).toBe('denied')
    expect(problemOf(err('NotFoundError'))).toBe('no_camera')
    expect(problemOf(err('OverconstrainedError'))).toBe('no_camera')
    expect(problemOf(err('NotReadableError'))).toBe('failed')
    expect(problemOf(new Error('boom'))).toBe('failed')
    expect(problemOf('weird')).toBe('failed')
  })
})

describe('cameraSupport', () => {
  const withMedia = { mediaDevices: { getUserMedia: () => Promise.resolve() } } as unknown as Navigator

  it('needs a secure context and getUserMedia', () => {
    expect(cameraSupport({ isSecureContext: true, navigator: withMedia })).toBe('ok')
    expect(cameraSupport({ isSecureContext: false, navigator: withMedia })).toBe('insecure')
    expect(cameraSupport({ isSecureContext: true, navigator: {} as Navigator })).toBe('no_camera')
    expect(cameraSupport(undefined)).toBe('no_camera')
  })
})
