/**
 * A questionnaire's steps with their confirmations and messages, shared by the list and the
 * editor: activate (the PLS engine checks the model), a new edition, and the MODEL.toml download.
 */
import { useI18n } from 'vue-i18n'
import { confirmThen, showError } from '@/utils/feedback'
import { saveDownload } from '@/utils/download'
import { serviceApi, type SurveyView } from '../api'

type Survey = Pick<SurveyView, 'id' | 'code' | 'name' | 'edition' | 'version'>

export function useSurveyActions() {
  const { t } = useI18n()
  const named = (s: Survey) => ({ name: s.name, n: s.edition })

  return {
    /** The questionnaire activated, or null (cancelled or refused: the engine's reasons shown). */
    activate: (s: Survey) => confirmThen(t('service.survey.activateConfirm', named(s)), () => serviceApi.activateSurvey(s.id, s.version), t('service.survey.activated'), false),
    /** The new draft, or null. */
    revise: (s: Survey) => confirmThen(t('service.survey.reviseConfirm', named(s)), () => serviceApi.reviseSurvey(s.id, s.version), t('service.survey.revised'), false),
    async toml(s: Survey): Promise<void> {
      try {
        await saveDownload(serviceApi.modelToml(s.id), `${s.code}-e${s.edition}-model.toml`)
      } catch (e) {
        showError(e)
      }
    },
  }
}
