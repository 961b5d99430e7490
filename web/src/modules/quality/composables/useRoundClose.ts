/** Closing a round (its list, its page, a submission's page): confirm, close, tell. */
import { useI18n } from 'vue-i18n'
import { confirmAction, showError, showSuccess } from '@/utils/feedback'
import { qualityApi, type RoundView } from '../api'

export function useRoundClose() {
  const { t } = useI18n()
  /** True when the round was closed. */
  return async function closeRound(round: Pick<RoundView, 'id' | 'title'>): Promise<boolean> {
    if (!(await confirmAction(t('quality.round.closeConfirm', { title: round.title })))) return false
    try {
      await qualityApi.closeRound(round.id)
      showSuccess(t('quality.round.closed'))
      return true
    } catch (e) {
      showError(e)
      return false
    }
  }
}
