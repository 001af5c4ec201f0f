// Notification channels (通知渠道): admins configure group robots (WeChat Work, DingTalk,
// Feishu) and e-mail lists per store and topic, send a test, and read the deliveries; store
// managers read their store's. URLs come back masked and secrets only as `secret_set`.
import { api, call } from './http'
import { compactQuery, enumValues, type FilterQuery, type QueryOf, type Schema } from './types'

export type NotificationChannel = Schema<'NotificationChannel'>
export type NotificationChannelCreate = Schema<'NotificationChannelCreate'>
export type NotificationChannelPatch = Schema<'NotificationChannelPatch'>
export type NotificationDelivery = Schema<'NotificationDelivery'>
export type NotificationTopics = Schema<'NotificationTopics'>
export type ChannelKind = NotificationChannel['kind']
export type DeliveryStatus = NotificationDelivery['status']
export const CHANNEL_KINDS = enumValues<ChannelKind>()('wecom', 'dingtalk', 'feishu', 'email')
export const DELIVERY_STATUSES = enumValues<DeliveryStatus>()('pending', 'delivered', 'failed', 'dead')

export type ChannelQuery = FilterQuery<QueryOf<'/api/v1/notification-channels'>>
export type DeliveryQuery = FilterQuery<QueryOf<'/api/v1/notification-deliveries'>>

const one = (id: number) => ({ params: { path: { channel_id: id } } })

export const notificationsApi = {
  topics: () => call(api.GET('/api/v1/notification-topics')),
  list: (query: ChannelQuery = {}) => call(api.GET('/api/v1/notification-channels', { params: { query: compactQuery(query) } })),
  create: (body: NotificationChannelCreate) => call(api.POST('/api/v1/notification-channels', { body })),
  update: (id: number, body: NotificationChannelPatch) => call(api.PATCH('/api/v1/notification-channels/{channel_id}', { ...one(id), body })),
  remove: (id: number, version: number) =>
    call(api.DELETE('/api/v1/notification-channels/{channel_id}', { params: { path: { channel_id: id }, query: { version } } })),
  test: (id: number) => call(api.POST('/api/v1/notification-channels/{channel_id}/test', one(id))),
  deliveries: (query: DeliveryQuery = {}) => call(api.GET('/api/v1/notification-deliveries', { params: { query: compactQuery(query) } })),
}
