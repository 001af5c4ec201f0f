// The risk pages' plain logic: the board's columns by status, the level's tag colour, the
// readiness chart's option and a risk's text in the reader's language.
import type { Incident, IncidentPatch, IncidentStatus, ReadinessEvent, Risk, RiskLevel } from '@/api/risk'

export const BOARD_COLUMNS: readonly IncidentStatus[] = ['open', 'responding', 'resolved', 'closed']

/** Incidents grouped by status, in the board's column order, each newest first as given. */
export function byStatus(items: readonly Incident[]): Record<IncidentStatus, Incident[]> {
  const out: Record<IncidentStatus, Incident[]> = { open: [], responding: [], resolved: [], closed: [] }
  for (const it of items) out[it.status].push(it)
  return out
}

/** Element Plus tag type of a level. */
export function levelTag(level: RiskLevel): 'danger' | 'warning' | 'info' {
  return level === 'high' ? 'danger' : level === 'medium' ? 'warning' : 'info'
}

/** The levels an incident of a risk may take: the risk's and above. */
export function levelsFrom(base: RiskLevel): RiskLevel[] {
  const all: RiskLevel[] = ['low', 'medium', 'high']
  return all.slice(all.indexOf(base))
}

/** A risk's name in the reader's language (English falls back to Chinese). */
export function riskName(r: Pick<Risk, 'name' | 'name_en'>, locale: string): string {
  return locale === 'en' && r.name_en ? r.name_en : r.name
}

/** A bilingual text: the English one when reading English and it exists. */
export function pick(zh: string, en: string | undefined, locale: string): string {
  return locale === 'en' && en ? en : zh
}

/** Hours to resolve as "3.5 h", or "—" while unresolved. */
export function formatHours(h: string | null): string {
  if (h === null) return '—'
  return `${Number(h).toString()} h`
}

type ChartOption = Record<string, unknown>

/** A horizontal bar per store of its completion percentage, lowest first (who needs a push). */
export function completionChartOption(ev: Pick<ReadinessEvent, 'stores'>, label: string): ChartOption {
  const stores = [...(ev.stores ?? [])].sort((a, b) => b.percent - a.percent || a.store_name.localeCompare(b.store_name))
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: stores.map((s) => s.store_name) },
    series: [{ name: label, type: 'bar', color: '#2f6f4f', barMaxWidth: 24, data: stores.map((s) => s.percent),
      label: { show: true, position: 'right', formatter: '{c}%' } }],
  }
}

/** The chart's height for n stores: 28 px a bar, within 160–2000 px. */
export function chartHeight(n: number): number {
  return Math.max(160, Math.min(2000, 28 * n + 40))
}

/** The edit form of an open incident. */
export interface IncidentForm {
  level: RiskLevel
  title: string
  description: string
  owner_id: number | null
}

/** The form filled from the incident as it is. */
export function incidentForm(i: Incident): IncidentForm {
  return { level: i.level, title: i.title, description: i.description, owner_id: i.owner_id }
}

/** Only what the form changed, trimmed, or null when nothing did (the version is added by the caller). */
export function incidentEdit(i: Incident, f: IncidentForm): Omit<IncidentPatch, 'version'> | null {
  const out: Omit<IncidentPatch, 'version'> = {}
  if (f.level !== i.level) out.level = f.level
  if (f.title.trim() !== i.title) out.title = f.title.trim()
  if (f.description.trim() !== i.description) out.description = f.description.trim()
  if (f.owner_id !== null && f.owner_id !== i.owner_id) out.owner_id = f.owner_id
  return Object.keys(out).length ? out : null
}
