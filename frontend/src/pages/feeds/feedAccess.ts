// Which feeds a role may upload: admins and store managers all of them, supervisors only
// goods receipts (and the server keeps those to their own departments).
import { FEED_KINDS, type FeedKind } from '@/api/feeds'
import type { Role } from '@/api/types'

export function feedKindsFor(role: Role | null): FeedKind[] {
  switch (role) {
    case 'admin':
    case 'store_manager':
      return [...FEED_KINDS]
    case 'supervisor':
      return ['receipts']
    default:
      return []
  }
}

/** Who picks the store on the feeds page (the others post to their own store). */
export const FEED_STORE_PICKERS: readonly Role[] = ['admin']

/**
 * The Idempotency-Key of an upload: one per picked file, feed and store, so a double click
 * or a retry after a lost connection is applied once, while a newly picked (fixed) file
 * is a new upload.
 */
export class UploadKeys {
  private current: { file: File; kind: FeedKind; storeId: number; key: string } | null = null

  constructor(private readonly generate: () => string) {}

  keyFor(file: File, kind: FeedKind, storeId: number): string {
    const c = this.current
    if (c && c.file === file && c.kind === kind && c.storeId === storeId) return c.key
    this.current = { file, kind, storeId, key: this.generate() }
    return this.current.key
  }

  /** Drops the key, so the next upload of the same file gets a new one. */
  forget(): void {
    this.current = null
  }
}
