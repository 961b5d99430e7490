/**
 * A framework's transitions with their confirmations and messages, shared by the list and the
 * editor: publish, new revision, retire, delete, and the TOML download.
 */
import { useI18n } from 'vue-i18n'
import { confirmThen, showError } from '@/utils/feedback'
import { saveDownload } from '@/utils/download'
import { qualityApi, type FrameworkSummary, type FrameworkView } from '../api'

type Framework = Pick<FrameworkSummary, 'id' | 'code' | 'name' | 'revision'>

export function useFrameworkActions() {
  const { t } = useI18n()
  const named = (f: Framework) => ({ name: f.name, n: f.revision })

  /** Confirms, runs, tells; the framework after the step, or null (cancelled or refused). */
  const step = (f: Framework, confirm: string, run: () => Promise<FrameworkView>, done: string, danger = false) => confirmThen(t(confirm, named(f)), run, t(done), danger)

  return {
    publish: (f: Framework) => step(f, 'quality.fw.publishConfirm', () => qualityApi.publishFramework(f.id), 'quality.fw.published'),
    retire: (f: Framework) => step(f, 'quality.fw.retireConfirm', () => qualityApi.retireFramework(f.id), 'quality.fw.retired', true),
    revise: (f: Framework) => step(f, 'quality.fw.reviseConfirm', () => qualityApi.reviseFramework(f.id), 'quality.fw.revised'),
    remove: async (f: Framework): Promise<boolean> =>
      (await confirmThen(t('common.deleteOneConfirm', { name: `${f.name} (r${f.revision})` }), () => qualityApi.removeFramework(f.id).then(() => true), t('common.deleted'))) ?? false,
    async toml(f: Framework): Promise<void> {
      try {
        await saveDownload(qualityApi.frameworkToml(f.id), `${f.code}-r${f.revision}.toml`)
      } catch (e) {
        showError(e)
      }
    },
  }
}
