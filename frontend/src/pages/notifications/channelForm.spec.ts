import { describe, expect, it } from 'vitest'
import { channelFormOf, createRequest, emptyChannelForm, patchRequest, splitRecipients, topicKey } from './channelForm'
import type { NotificationChannel } from '@/api/notifications'

const channel: NotificationChannel = {
  id: 3, name: '钉钉群', kind: 'dingtalk', store_id: 1, topics: ['task.assigned'], url_masked: 'https://oapi.dingtalk.com/robot/send?access_token=•••',
  secret_set: true, recipients: [], enabled: true, version: 4, created_at: '2026-11-02T08:00:00Z', updated_at: '2026-11-02T08:00:00Z',
}

describe('channel form', () => {
  it('sends a webhook with its secret, and e-mail with its recipients only', () => {
    const f = { ...emptyChannelForm(), name: ' 群 ', kind: 'dingtalk' as const, topics: ['task.assigned'], url: ' https://x.cn/h ', secret: 's' }
    expect(createRequest(f)).toEqual({ name: '群', kind: 'dingtalk', store_id: null, topics: ['task.assigned'], enabled: true, url: 'https://x.cn/h', secret: 's' })
    const mail = { ...emptyChannelForm(), name: 'm', kind: 'email' as const, topics: ['task.overdue'], url: 'ignored', recipients: 'a@x.cn\nb@x.cn, a@x.cn' }
    expect(createRequest(mail)).toEqual({ name: 'm', kind: 'email', store_id: null, topics: ['task.overdue'], enabled: true, recipients: ['a@x.cn', 'b@x.cn'] })
    expect(createRequest({ ...f, kind: 'wecom' }).secret).toBeUndefined()
  })

  it('keeps the URL and secret on an edit unless changed', () => {
    const f = channelFormOf(channel)
    expect(f.url).toBe('')
    expect(patchRequest(f, 4)).toEqual({ name: '钉钉群', store_id: 1, topics: ['task.assigned'], enabled: true, version: 4 })
    expect(patchRequest({ ...f, clearSecret: true }, 4).secret).toBe('')
    expect(patchRequest({ ...f, url: 'https://n.cn/h', secret: 'new' }, 4)).toMatchObject({ url: 'https://n.cn/h', secret: 'new' })
  })

  it('splits recipients on commas, semicolons and lines', () => {
    expect(splitRecipients(' a@x.cn；b@x.cn\n\nc@x.cn,a@x.cn ')).toEqual(['a@x.cn', 'b@x.cn', 'c@x.cn'])
  })
})

describe('topicKey', () => {
  it('names a topic label without dots, which vue-i18n would read as nesting', async () => {
    expect(topicKey('task.assigned')).toBe('notifications.topics.task_assigned')
    const { default: messages } = await import('./i18n')
    for (const topic of ['task.assigned', 'task.overdue', 'stocktake.submitted', 'safety.temperature_alert', 'risk.incident_opened', 'training.certificate_expiring']) {
      const key = topicKey(topic).split('.').pop()!
      expect(messages.en.notifications.topics).toHaveProperty(key)
      expect(messages['zh-CN'].notifications.topics).toHaveProperty(key)
    }
  })
})
