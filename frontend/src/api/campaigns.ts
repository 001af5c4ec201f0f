// Promotions (促销执行): HQ plans a campaign (items at promo prices, execution tasks, target
// stores) and publishes it; each target store gets its tasks, which the store's staff complete
// with a note and photos or report a problem HQ answers; HQ follows compliance per store and
// task, and reads the effect on sales and margin beside each store's review.
import { api, call, downloadUrl } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type Campaign = Schema<'Campaign'>
export type CampaignItem = Schema<'CampaignItem'>
export type CampaignTaskDef = Schema<'CampaignTaskDef'>
export type CampaignRequest = Schema<'CampaignRequest'>
export type CampaignTask = Schema<'CampaignTask'>
export type CampaignExecution = Schema<'CampaignExecutionList'>['items'][number]
export type CampaignCompliance = Schema<'CampaignCompliance'>
export type ComplianceRow = CampaignCompliance['stores'][number]
export type CampaignEffect = Schema<'CampaignEffect'>
export type EffectFigures = Schema<'EffectFigures'>
export type CampaignReview = Schema<'CampaignReview'>
export type CampaignQuery = FilterQuery<QueryOf<'/api/v1/campaigns'>>
export type CampaignRevision = Schema<'CampaignRevision'>
export type RevisionSummary = CampaignRevision['summary']
export type ItemChange = Schema<'CampaignItemChange'>
export type PromoterReport = Schema<'CampaignPromoterReport'>
export type Promoter = Schema<'CampaignPromoter'>
export type PromoterRequest = Schema<'CampaignPromoterRequest'>
export type Shift = Schema<'CampaignShift'>
export type ShiftRequest = Schema<'CampaignShiftRequest'>
export type CampaignOwner = NonNullable<QueryOf<'/api/v1/campaigns'>['owner']>

export type Mechanic = Campaign['mechanic']
export type CampaignStatus = Campaign['status']
export type TargetKind = Campaign['target_kind']
export type TaskKind = CampaignTaskDef['kind']
export type TaskState = CampaignTask['state']
export type ProblemKind = Schema<'CampaignTaskProblemRequest'>['kind']
export type CampaignAction = Campaign['allowed_actions'][number]

export const MECHANICS = enumValues<Mechanic>()('price_cut', 'multi_buy', 'gift', 'member_price', 'cash_back', 'lucky_draw')
export const CAMPAIGN_STATUSES = enumValues<CampaignStatus>()('draft', 'published', 'ended')
export const TARGET_KINDS = enumValues<TargetKind>()('all', 'region', 'stores')
export const TASK_KINDS = enumValues<TaskKind>()('display', 'price_label', 'signage', 'other')
export const TASK_STATES = enumValues<TaskState>()('done', 'late', 'overdue', 'problem', 'pending')
export const CAMPAIGN_OWNERS = enumValues<CampaignOwner>()('hq', 'store', 'all')
export const PROBLEM_KINDS = enumValues<ProblemKind>()('stock_missing', 'fixture_unavailable', 'price_wrong', 'other')

/** Whether the campaign's `allowed_actions` offers `action`. */
export const campaignAllows = (campaign: Pick<Campaign, 'allowed_actions'> | null | undefined, action: CampaignAction): boolean =>
  !!campaign && campaign.allowed_actions.includes(action)

const campaign = (id: number) => ({ params: { path: { campaign_id: id } } })
const task = (id: number) => ({ params: { path: { task_id: id } } })

export const campaignsApi = {
  list: (query: CampaignQuery = {}) => call(api.GET('/api/v1/campaigns', { params: { query: compactQuery(query) } })),
  get: (id: number) => call(api.GET('/api/v1/campaigns/{campaign_id}', campaign(id))),
  create: (body: CampaignRequest) => call(api.POST('/api/v1/campaigns', { body })),
  update: (id: number, body: CampaignRequest) => call(api.PATCH('/api/v1/campaigns/{campaign_id}', { ...campaign(id), body })),
  publish: (id: number) => call(api.POST('/api/v1/campaigns/{campaign_id}/publish', campaign(id))),
  end: (id: number, version: number) => call(api.POST('/api/v1/campaigns/{campaign_id}/end', { ...campaign(id), body: { version } })),
  compliance: (id: number) => call(api.GET('/api/v1/campaigns/{campaign_id}/compliance', campaign(id))),
  effect: (id: number, storeId: number | null) =>
    call(api.GET('/api/v1/campaigns/{campaign_id}/effect', { params: { path: { campaign_id: id }, query: storeId === null ? {} : { store_id: storeId } } })),
  review: (id: number, storeId: number, review: string, version: number) =>
    call(api.PUT('/api/v1/campaigns/{campaign_id}/stores/{store_id}/review', { params: { path: { campaign_id: id, store_id: storeId } }, body: { review, version } })),
  executions: (storeId: number, query: { open?: boolean; campaign_id?: number } = {}) =>
    call(api.GET('/api/v1/stores/{store_id}/campaign-executions', { params: { path: { store_id: storeId }, query } })),
  task: (id: number) => call(api.GET('/api/v1/campaign-tasks/{task_id}', task(id))),
  complete: (id: number, body: Schema<'CampaignTaskCompleteRequest'>) => call(api.POST('/api/v1/campaign-tasks/{task_id}/complete', { ...task(id), body })),
  problem: (id: number, body: Schema<'CampaignTaskProblemRequest'>) => call(api.POST('/api/v1/campaign-tasks/{task_id}/problem', { ...task(id), body })),
  answer: (id: number, answer: string) => call(api.POST('/api/v1/campaign-tasks/{task_id}/answer', { ...task(id), body: { answer } })),
  revisions: (id: number) => call(api.GET('/api/v1/campaigns/{campaign_id}/revisions', campaign(id))),
  ack: (storeId: number, id: number) =>
    call(api.POST('/api/v1/stores/{store_id}/campaign-executions/{campaign_id}/ack', { params: { path: { store_id: storeId, campaign_id: id } } })),
  promoters: (id: number, storeId: number) =>
    call(api.GET('/api/v1/campaigns/{campaign_id}/promoters', { params: { path: { campaign_id: id }, query: { store_id: storeId } } })),
  addPromoter: (id: number, body: PromoterRequest) => call(api.POST('/api/v1/campaigns/{campaign_id}/promoters', { ...campaign(id), body })),
  addShift: (promoterId: number, body: ShiftRequest) =>
    call(api.POST('/api/v1/campaign-promoters/{promoter_id}/shifts', { params: { path: { promoter_id: promoterId } }, body })),
}

/** The address of the effect report as CSV or XLSX, in the screen's language. */
export function effectExportUrl(id: number, format: 'csv' | 'xlsx', lang: string): string {
  return downloadUrl('/api/v1/campaigns/{campaign_id}/effect/export', { path: { campaign_id: id }, query: { format, lang: lang === 'en' ? 'en' : 'zh-CN' } })
}
