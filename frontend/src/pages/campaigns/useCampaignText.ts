// How a campaign's target and period read in the reader's language, for the list and the
// detail page alike.
import { useI18n } from 'vue-i18n'
import type { Campaign } from '@/api/campaigns'

export function useCampaignText() {
  const { t } = useI18n()

  function target(c: Pick<Campaign, 'target_kind' | 'target_region' | 'target_store_ids'>): string {
    if (c.target_kind === 'all') return t('campaigns.targetAll')
    if (c.target_kind === 'region') return t('campaigns.targetRegion', { region: c.target_region })
    return t('campaigns.targetStores', { n: c.target_store_ids.length })
  }

  function period(c: Pick<Campaign, 'starts_on' | 'ends_on'>): string {
    return t('campaigns.periodText', { from: c.starts_on, to: c.ends_on })
  }

  return { target, period }
}
