// The body of a PATCH: only the fields whose values differ from the record as read.

/** The fields of `next` whose values differ (===) from the same fields of `before`. */
export function changedFields<T extends object>(next: T, before: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (next[key] !== before[key]) out[key] = next[key]
  }
  return out
}
