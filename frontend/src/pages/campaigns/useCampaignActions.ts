// Publishing and ending a campaign, each after a confirmation. A refusal that names another
// campaign (409 conflicting_campaign: which campaign sells which SKU at another price) or no
// target store (422) is shown in a box that stays until read, not a passing toast.
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/http'
import { campaignsApi, type Campaign } from '@/api/campaigns'
import { useApiError } from '@/composables/useApiError'

export function useCampaignActions() {
  const { t } = useI18n()
  const { describe } = useApiError()

  function refusal(err: unknown): string {
    if (err instanceof ApiError && err.code === 'conflicting_campaign') return t('campaigns.conflict', { message: err.message })
    if (err instanceof ApiError && err.code === 'no_target_stores') return t('campaigns.noTargetStores')
    return describe(err)
  }

  async function fail(err: unknown): Promise<null> {
    await ElMessageBox.alert(refusal(err), { type: 'error', confirmButtonText: t('common.close') }).catch(() => undefined)
    return null
  }

  const ask = (text: string, title: string, ok: string) =>
    ElMessageBox.confirm(text, title, { type: 'warning', confirmButtonText: ok, cancelButtonText: t('common.cancel') }).then(
      () => true,
      () => false,
    )

  /** Publishes after asking; answers the campaign as published, or null (cancelled or refused). */
  async function publish(c: Campaign): Promise<Campaign | null> {
    const tasks = c.tasks?.length ?? 0
    if (!(await ask(t('campaigns.publishConfirm', { name: c.name, tasks }), t('campaigns.publishTitle'), t('campaigns.publish')))) return null
    try {
      const answer = await campaignsApi.publish(c.id)
      ElMessage.success(t('campaigns.published', { stores: answer.stores_added, tasks: answer.tasks_added }))
      return answer.campaign
    } catch (err) {
      return fail(err)
    }
  }

  /** Ends after asking; answers the campaign as ended, or null. */
  async function end(c: Campaign): Promise<Campaign | null> {
    if (!(await ask(t('campaigns.endConfirm', { name: c.name }), t('campaigns.end'), t('campaigns.end')))) return null
    try {
      const ended = await campaignsApi.end(c.id, c.version)
      ElMessage.success(t('campaigns.ended'))
      return ended
    } catch (err) {
      return fail(err)
    }
  }

  return { publish, end, refusal }
}
