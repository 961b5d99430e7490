/** Closing a round (its list, its page, a submission's page): confirm, close, tell. */
import { useI18n } from 'vue-i18n'
import { qualityApi, type RoundView } from '../api'
import { confirmThen } from '@/utils/feedback'

export function useRoundClose() {
  const { t } = useI18n()
  /** True when the round was closed. */
  return async (round: Pick<RoundView, 'id' | 'title'>): Promise<boolean> =>
    (await confirmThen(t('quality.round.closeConfirm', { title: round.title }), () => qualityApi.closeRound(round.id), t('quality.round.closed'))) !== null
}
