// Shrink (损耗): write-offs with approval over the store's threshold, markdowns on the
// department's ladder with their label barcode, markdown suggestions for expiring lots, the
// shrink report with its export, and the settings (threshold, markdown rules, the chain's
// label layout). Money and quantities are exact decimal strings as everywhere in the API.
// Write-offs and markdowns carry `allowed_actions`, which is all the screens use for buttons.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type WriteOff = Schema<'WriteOff'>
export type WriteOffStatus = Schema<'WriteOffStatus'>
export type WriteOffReason = Schema<'WriteOffReason'>
export type WriteOffCreate = Schema<'WriteOffCreateRequest'>
export const WRITE_OFF_STATUSES = enumValues<WriteOffStatus>()('pending', 'posted', 'rejected')
export const WRITE_OFF_REASONS = enumValues<WriteOffReason>()('spoiled', 'damaged', 'expired', 'theft', 'recall', 'quality')

export type Markdown = Schema<'Markdown'>
export type MarkdownStatus = Schema<'MarkdownStatus'>
export type MarkdownReason = Schema<'MarkdownReason'>
export type MarkdownCreate = Schema<'MarkdownCreateRequest'>
export type Barcode = Schema<'Barcode'>
export const MARKDOWN_STATUSES = enumValues<MarkdownStatus>()('pending', 'applied', 'rejected')
export const MARKDOWN_REASONS = enumValues<MarkdownReason>()('near_expiry', 'damaged_packaging', 'quality', 'overstock', 'price_match', 'other')

export type MarkdownSuggestion = Schema<'MarkdownSuggestion'>
export type ShrinkReport = Schema<'ShrinkReport'>
export type ShrinkDepartmentRow = Schema<'ShrinkDepartmentRow'>
export type ShrinkDayRow = Schema<'ShrinkDayRow'>
export type ShrinkReasonRow = Schema<'ShrinkReasonRow'>
export type ShrinkProductRow = Schema<'ShrinkProductRow'>
export type ShrinkSettings = Schema<'ShrinkSettings'>
export type MarkdownRules = Schema<'MarkdownRules'>
export type MarkdownRulesRequest = Schema<'MarkdownRulesRequest'>
export type LabelLayout = Schema<'LabelLayout'>
export type LabelLayoutRequest = Schema<'LabelLayoutRequest'>

export type WriteOffQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/write-offs'>>
export type MarkdownQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/markdowns'>>
export type ShrinkReportQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/shrink'>>

/** An action a write-off or markdown may offer the caller now. */
export type ShrinkAction = WriteOff['allowed_actions'][number] | Markdown['allowed_actions'][number]

/** Whether the record's `allowed_actions` holds `action`. */
export function allows(record: { allowed_actions: readonly string[] } | null | undefined, action: ShrinkAction): boolean {
  return !!record && record.allowed_actions.includes(action)
}

const ofStore = (storeId: number) => ({ store_id: storeId })
const writeOff = (id: number) => ({ params: { path: { write_off_id: id } } })
const markdown = (id: number) => ({ params: { path: { markdown_id: id } } })

export const shrinkApi = {
  writeOffs: (storeId: number, query: WriteOffQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/write-offs', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  createWriteOff: (storeId: number, body: WriteOffCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/write-offs', { params: { path: ofStore(storeId) }, body })),
  writeOff: (id: number) => call(api.GET('/api/v1/write-offs/{write_off_id}', writeOff(id))),
  approveWriteOff: (id: number, version: number) => call(api.POST('/api/v1/write-offs/{write_off_id}/approve', { ...writeOff(id), body: { version } })),
  rejectWriteOff: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/write-offs/{write_off_id}/reject', { ...writeOff(id), body: { version, reason } })),

  markdowns: (storeId: number, query: MarkdownQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/markdowns', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  createMarkdown: (storeId: number, body: MarkdownCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/markdowns', { params: { path: ofStore(storeId) }, body })),
  markdown: (id: number) => call(api.GET('/api/v1/markdowns/{markdown_id}', markdown(id))),
  approveMarkdown: (id: number, version: number) => call(api.POST('/api/v1/markdowns/{markdown_id}/approve', { ...markdown(id), body: { version } })),
  rejectMarkdown: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/markdowns/{markdown_id}/reject', { ...markdown(id), body: { version, reason } })),
  suggestions: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/markdown-suggestions'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/markdown-suggestions', { params: { path: ofStore(storeId), query: compactQuery(query) } })),

  report: (storeId: number, query: ShrinkReportQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/shrink', { params: { path: ofStore(storeId), query: compactQuery(query) } })),

  settings: (storeId: number) => call(api.GET('/api/v1/stores/{store_id}/shrink-settings', { params: { path: ofStore(storeId) } })),
  putThreshold: (storeId: number, threshold: string, version: number) =>
    call(api.PUT('/api/v1/stores/{store_id}/shrink-settings', { params: { path: ofStore(storeId) }, body: { write_off_threshold: threshold, version } })),
  putRules: (storeId: number, departmentCode: string, body: MarkdownRulesRequest) =>
    call(api.PUT('/api/v1/stores/{store_id}/markdown-rules/{department_code}', { params: { path: { store_id: storeId, department_code: departmentCode } }, body })),
  labelLayout: () => call(api.GET('/api/v1/markdown-label-layout')),
  putLabelLayout: (body: LabelLayoutRequest) => call(api.PUT('/api/v1/markdown-label-layout', { body })),
}

/** The shrink report as a file, for the same query as the screen, in the reader's language. */
export function shrinkExportUrl(storeId: number, format: 'csv' | 'xlsx', query: ShrinkReportQuery, lang: string): string {
  return downloadUrl('/api/v1/stores/{store_id}/shrink/export', {
    path: ofStore(storeId),
    query: { ...compactQuery(query), format, lang: lang === 'en' ? 'en' : 'zh-CN' },
  })
}
