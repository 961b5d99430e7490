/** A step that asks first: confirm, run, tell the outcome. */
import { confirmAction, showError, showSuccess } from '@/utils/feedback'

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
