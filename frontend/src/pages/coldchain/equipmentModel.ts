// Small rules of the cold chain screens, kept out of the components so they are tested alone.

/** An allowed range as text: "0.00–4.00 °C", "≤ -18.00 °C", "≥ 60.00 °C", or null for none. */
export function rangeText(lo: string | null, hi: string | null): string | null {
  if (lo !== null && hi !== null) return `${lo}–${hi} °C`
  if (hi !== null) return `≤ ${hi} °C`
  if (lo !== null) return `≥ ${lo} °C`
  return null
}

/** The chart's window: `days` back from `now`, as RFC 3339 times. */
export function chartWindow(now: Date, days: number): { from: string; to: string } {
  const to = new Date(Math.ceil(now.getTime() / 60000) * 60000 + 60000)
  const from = new Date(to.getTime() - days * 86400000)
  return { from: from.toISOString().replace(/\.\d{3}Z$/, 'Z'), to: to.toISOString().replace(/\.\d{3}Z$/, 'Z') }
}

/** A reading typed by hand: a decimal with at most two places, else null. */
export function parseCelsius(text: string): string | null {
  const s = text.trim().replace('−', '-')
  return /^-?\d{1,3}(\.\d{1,2})?$/.test(s) ? s : null
}
