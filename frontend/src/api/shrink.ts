// Shrink (损耗): write-offs with approval over the store's threshold, markdowns on the
// department's ladder with their label barcode, markdown suggestions for expiring lots, the
// shrink report with its export, and the settings (threshold, markdown rules, the chain's
// label layout). Money and quantities are exact decimal strings as everywhere in the API.
// Write-offs and markdowns carry `allowed_actions`, which is all the screens use for buttons.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

/** A write-off (报损) with its photos and what the caller may do to it now. */
export type WriteOff = Schema<'WriteOff'>
export type WriteOffStatus = Schema<'WriteOffStatus'>
export const WRITE_OFF_STATUSES = enumValues<WriteOffStatus>()('pending', 'posted', 'rejected')
export type WriteOffReason = Schema<'WriteOffReason'>
export const WRITE_OFF_REASONS = enumValues<WriteOffReason>()('spoiled', 'damaged', 'expired', 'theft', 'recall', 'quality')
export type WriteOffCreate = Schema<'WriteOffCreateRequest'>

/** A markdown (降价) with its label's barcode and what the caller may do to it now. */
export type Markdown = Schema<'Markdown'>
export type MarkdownStatus = Schema<'MarkdownStatus'>
export const MARKDOWN_STATUSES = enumValues<MarkdownStatus>()('pending', 'applied', 'rejected')
export const MARKDOWN_REASONS = enumValues<Schema<'MarkdownReason'>>()('near_expiry', 'damaged_packaging', 'quality', 'overstock', 'price_match', 'other')
export type MarkdownCreate = Schema<'MarkdownCreateRequest'>
/** A lot to mark down now (or, expired, to write off), with the expected loss either way. */
export type MarkdownSuggestion = Schema<'MarkdownSuggestion'>

export type ShrinkReportQuery = FilterQuery<QueryOf<'/api/v1/stores/{store_id}/shrink'>>
export type ShrinkDayRow = Schema<'ShrinkDayRow'>
export type ShrinkReasonRow = Schema<'ShrinkReasonRow'>
/** A department's markdown ladder, maximum, window and schedule (version 0: the defaults). */
export type MarkdownRules = Schema<'MarkdownRules'>
export type MarkdownRulesRequest = Schema<'MarkdownRulesRequest'>
export type LabelLayout = Schema<'LabelLayout'>

/** Whether the record's `allowed_actions` holds `action`. */
export const allows = (record: { allowed_actions: readonly string[] } | null | undefined, action: WriteOff['allowed_actions'][number] | Markdown['allowed_actions'][number]): boolean =>
  record?.allowed_actions.includes(action) ?? false

const ofStore = (storeId: number) => ({ store_id: storeId })
const writeOff = (id: number) => ({ params: { path: { write_off_id: id } } })
const markdown = (id: number) => ({ params: { path: { markdown_id: id } } })

export const shrinkApi = {
  writeOffs: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/write-offs'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/write-offs', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  markdowns: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/markdowns'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/markdowns', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  suggestions: (storeId: number, query: FilterQuery<QueryOf<'/api/v1/stores/{store_id}/markdown-suggestions'>> = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/markdown-suggestions', { params: { path: ofStore(storeId), query: compactQuery(query) } })),
  writeOff: (id: number) => call(api.GET('/api/v1/write-offs/{write_off_id}', writeOff(id))),
  markdown: (id: number) => call(api.GET('/api/v1/markdowns/{markdown_id}', markdown(id))),

  createWriteOff: (storeId: number, body: WriteOffCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/write-offs', { params: { path: ofStore(storeId) }, body })),
  createMarkdown: (storeId: number, body: MarkdownCreate) =>
    call(api.POST('/api/v1/stores/{store_id}/markdowns', { params: { path: ofStore(storeId) }, body })),
  // The decisions answer the record as it is now, with its new allowed_actions.
  approveWriteOff: (id: number, version: number) => call(api.POST('/api/v1/write-offs/{write_off_id}/approve', { ...writeOff(id), body: { version } })),
  approveMarkdown: (id: number, version: number) => call(api.POST('/api/v1/markdowns/{markdown_id}/approve', { ...markdown(id), body: { version } })),
  rejectWriteOff: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/write-offs/{write_off_id}/reject', { ...writeOff(id), body: { version, reason } })),
  rejectMarkdown: (id: number, version: number, reason: string) =>
    call(api.POST('/api/v1/markdowns/{markdown_id}/reject', { ...markdown(id), body: { version, reason } })),

  report: (storeId: number, query: ShrinkReportQuery = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/shrink', { params: { path: ofStore(storeId), query: compactQuery(query) } })),

  settings: (storeId: number) => call(api.GET('/api/v1/stores/{store_id}/shrink-settings', { params: { path: ofStore(storeId) } })),
  putThreshold: (storeId: number, threshold: string, version: number) =>
    call(api.PUT('/api/v1/stores/{store_id}/shrink-settings', { params: { path: ofStore(storeId) }, body: { write_off_threshold: threshold, version } })),
  putRules: (storeId: number, departmentCode: string, body: MarkdownRulesRequest) =>
    call(api.PUT('/api/v1/stores/{store_id}/markdown-rules/{department_code}', { params: { path: { store_id: storeId, department_code: departmentCode } }, body })),
  labelLayout: () => call(api.GET('/api/v1/markdown-label-layout')),
  putLabelLayout: (body: Schema<'LabelLayoutRequest'>) => call(api.PUT('/api/v1/markdown-label-layout', { body })),
}

/** The shrink report as a file, for the same query as the screen, in the reader's language. */
export function shrinkExportUrl(storeId: number, format: 'csv' | 'xlsx', query: ShrinkReportQuery, lang: string): string {
  return downloadUrl('/api/v1/stores/{store_id}/shrink/export', {
    path: ofStore(storeId),
    query: { ...compactQuery(query), format, lang: lang === 'en' ? 'en' : 'zh-CN' },
  })
}
