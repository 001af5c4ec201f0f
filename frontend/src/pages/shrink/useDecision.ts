// Approving and rejecting (with a reason) a pending write-off or markdown. Which of the two a
// record offers is its `allowed_actions`; the answer is the record as it is now, handed to
// `done` so the screen shows it without a reload.
import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { shrinkApi, type Markdown, type WriteOff } from '@/api/shrink'
import { useShrinkError } from './useShrinkError'

export type Decidable = { kind: 'write_off'; record: WriteOff } | { kind: 'markdown'; record: Markdown }

export function useDecision(done: (decided: Decidable) => void) {
  const { t } = useI18n()
  const { notify } = useShrinkError()
  const target = shallowRef<Decidable | null>(null)
  const rejectOpen = ref(false)
  const busy = ref<number | null>(null)

  async function approve(item: Decidable): Promise<void> {
    busy.value = item.record.id
    try {
      const { id, version } = item.record
      if (item.kind === 'write_off') done({ kind: 'write_off', record: await shrinkApi.approveWriteOff(id, version) })
      else done({ kind: 'markdown', record: await shrinkApi.approveMarkdown(id, version) })
      ElMessage.success(t('shrink.approved'))
    } catch (err) {
      notify(err)
    } finally {
      busy.value = null
    }
  }

  function askReject(item: Decidable): void {
    target.value = item
    rejectOpen.value = true
  }

  /** The ReasonDialog's submit: rejects the record asked about. */
  async function reject(reason: string): Promise<void> {
    const item = target.value
    if (!item) return
    const { id, version } = item.record
    if (item.kind === 'write_off') done({ kind: 'write_off', record: await shrinkApi.rejectWriteOff(id, version, reason) })
    else done({ kind: 'markdown', record: await shrinkApi.rejectMarkdown(id, version, reason) })
  }

  const rejectingName = computed(() => target.value?.record.name ?? '')

  return { approve, askReject, reject, rejectOpen, rejectingName, busy }
}
