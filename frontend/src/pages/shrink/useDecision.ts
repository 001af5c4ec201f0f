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

  /** Approves (`reason` null) or rejects the record; answers it as it is now. */
  function send(item: Decidable, reason: string | null): Promise<Decidable> {
    const { id, version } = item.record
    if (item.kind === 'write_off') {
      const answer = reason === null ? shrinkApi.approveWriteOff(id, version) : shrinkApi.rejectWriteOff(id, version, reason)
      return answer.then((record) => ({ kind: 'write_off', record }))
    }
    const answer = reason === null ? shrinkApi.approveMarkdown(id, version) : shrinkApi.rejectMarkdown(id, version, reason)
    return answer.then((record) => ({ kind: 'markdown', record }))
  }

  function approve(item: Decidable): Promise<void> {
    busy.value = item.record.id
    return send(item, null)
      .then((decided) => {
        done(decided)
        ElMessage.success(t('shrink.approved'))
      }, notify)
      .finally(() => (busy.value = null))
  }

  function askReject(item: Decidable): void {
    target.value = item
    rejectOpen.value = true
  }

  /** The ReasonDialog's submit: rejects the record asked about. */
  async function reject(reason: string): Promise<void> {
    if (target.value) done(await send(target.value, reason))
  }

  const rejectingName = computed(() => target.value?.record.name ?? '')

  return { approve, askReject, reject, rejectOpen, rejectingName, busy }
}
