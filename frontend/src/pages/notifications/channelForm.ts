// The channel dialog's form and the request it sends: a new channel sends every field; an
// edit sends what may change, leaving the URL out when left empty (the server keeps it; the
// screen never sees it) and the secret out unless one was typed or "clear" was asked.
import type { ChannelKind, NotificationChannel, NotificationChannelCreate, NotificationChannelPatch } from '@/api/notifications'

export interface ChannelForm {
  name: string
  kind: ChannelKind
  /** null: chain-wide. */
  store_id: number | null
  topics: string[]
  url: string
  secret: string
  clearSecret: boolean
  /** One address per line or separated by commas. */
  recipients: string
  enabled: boolean
}

export function emptyChannelForm(): ChannelForm {
  return { name: '', kind: 'wecom', store_id: null, topics: [], url: '', secret: '', clearSecret: false, recipients: '', enabled: true }
}

export function channelFormOf(c: NotificationChannel): ChannelForm {
  return { name: c.name, kind: c.kind, store_id: c.store_id, topics: [...c.topics], url: '', secret: '', clearSecret: false,
    recipients: c.recipients.join('\n'), enabled: c.enabled }
}

/** Whether the kind has a signing secret (DingTalk, Feishu). */
export const hasSecret = (kind: ChannelKind): boolean => kind === 'dingtalk' || kind === 'feishu'

export function splitRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；]+/).map((s) => s.trim()).filter(Boolean))]
}

export function createRequest(f: ChannelForm): NotificationChannelCreate {
  const body: NotificationChannelCreate = { name: f.name.trim(), kind: f.kind, store_id: f.store_id, topics: f.topics, enabled: f.enabled }
  if (f.kind === 'email') body.recipients = splitRecipients(f.recipients)
  else body.url = f.url.trim()
  if (hasSecret(f.kind) && f.secret) body.secret = f.secret
  return body
}

export function patchRequest(f: ChannelForm, version: number): NotificationChannelPatch {
  const body: NotificationChannelPatch = { name: f.name.trim(), store_id: f.store_id, topics: f.topics, enabled: f.enabled, version }
  if (f.kind === 'email') body.recipients = splitRecipients(f.recipients)
  else if (f.url.trim()) body.url = f.url.trim()
  if (hasSecret(f.kind) && (f.secret || f.clearSecret)) body.secret = f.clearSecret ? '' : f.secret
  return body
}

/** The message key of a topic's label: `task.assigned` → `notifications.topics.task_assigned` (vue-i18n reads dots as nesting). */
export const topicKey = (topic: string): string => `notifications.topics.${topic.replaceAll('.', '_')}`

/** A topic in words (its label in the messages), or the topic itself when it has none. */
export const topicLabel = (topic: string, t: (key: string) => string, te: (key: string) => boolean): string =>
  te(topicKey(topic)) ? t(topicKey(topic)) : topic
