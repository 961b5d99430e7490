/** Toasts and confirmations, with the server's error codes translated. */
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { errorMessage } from '@/api/errors'
import { i18n } from '@/i18n'

const { t, te } = i18n.global

export function showError(err: unknown): void {
  ElMessage({ type: 'error', message: errorMessage(err, (k, p) => t(k, p ?? {}), (k) => te(k)), grouping: true })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message, grouping: true })
}

/** A warning of the console itself (not an answer of the server's): shown as it is. */
export function showWarning(message: string): void {
  ElMessage({ type: 'warning', message, grouping: true })
}

/** Resolves true when the user confirms, false when they cancel or close. */
export async function confirmAction(message: string, danger = true): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, t('common.warning'), {
      type: danger ? 'warning' : 'info',
      confirmButtonText: t('common.ok'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}

/** A step that asks first: confirm, run, tell the outcome. The step's result, or null when
 * cancelled or refused (the refusal shown). */
export async function confirmThen<T>(message: string, run: () => Promise<T>, done: string, danger = true): Promise<T | null> {
  if (!(await confirmAction(message, danger))) return null
  try {
    const out = await run()
    showSuccess(done)
    return out
  } catch (e) {
    showError(e)
    return null
  }
}
