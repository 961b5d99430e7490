/** A step that asks first (confirm, run, tell the outcome), and the module's own warnings. */
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { confirmAction, showError, showSuccess } from '@/utils/feedback'

/** A warning of the console itself (not an answer of the server's): shown as it is. */
export function showWarning(message: string): void {
  ElMessage({ type: 'warning', message, grouping: true })
}

/** The step's result, or null when cancelled or refused (the refusal shown). */
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
