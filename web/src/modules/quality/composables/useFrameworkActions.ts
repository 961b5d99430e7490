/**
 * A framework's transitions with their confirmations and messages, shared by the list and the
 * editor: publish, new revision, retire, delete, and the TOML download.
 */
import { useI18n } from 'vue-i18n'
import { confirmAction, showError, showSuccess } from '@/utils/feedback'
import { saveDownload } from '@/utils/download'
import { qualityApi, type FrameworkSummary, type FrameworkView } from '../api'

type Framework = Pick<FrameworkSummary, 'id' | 'code' | 'name' | 'revision'>

export function useFrameworkActions() {
  const { t } = useI18n()
  const named = (f: Framework) => ({ name: f.name, n: f.revision })

  /** Confirms, runs, tells; the framework after the step, or null (cancelled or refused). */
  async function step(f: Framework, confirm: string, run: () => Promise<FrameworkView>, done: string, danger = false): Promise<FrameworkView | null> {
    if (!(await confirmAction(t(confirm, named(f)), danger))) return null
    try {
      const out = await run()
      showSuccess(t(done))
      return out
    } catch (e) {
      showError(e)
      return null
    }
  }

  return {
    publish: (f: Framework) => step(f, 'quality.fw.publishConfirm', () => qualityApi.publishFramework(f.id), 'quality.fw.published'),
    retire: (f: Framework) => step(f, 'quality.fw.retireConfirm', () => qualityApi.retireFramework(f.id), 'quality.fw.retired', true),
    revise: (f: Framework) => step(f, 'quality.fw.reviseConfirm', () => qualityApi.reviseFramework(f.id), 'quality.fw.revised'),
    async remove(f: Framework): Promise<boolean> {
      if (!(await confirmAction(t('common.deleteOneConfirm', { name: `${f.name} (r${f.revision})` })))) return false
      try {
        await qualityApi.removeFramework(f.id)
        showSuccess(t('common.deleted'))
        return true
      } catch (e) {
        showError(e)
        return false
      }
    },
    async toml(f: Framework): Promise<void> {
      try {
        await saveDownload(qualityApi.frameworkToml(f.id), `${f.code}-r${f.revision}.toml`)
      } catch (e) {
        showError(e)
      }
    },
  }
}
