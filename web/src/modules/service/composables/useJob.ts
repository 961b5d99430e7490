/** Follows a background job the page queued (the round's computation) while the page lives. */
import { computed, onBeforeUnmount, shallowRef } from 'vue'
import { showError } from '@/utils/feedback'
import { serviceApi, type JobView } from '../api'
import { isFinished, pollJob } from '../utils/jobs'

export function useJob() {
  const job = shallowRef<JobView | null>(null)
  const running = computed(() => job.value !== null && !isFinished(job.value))
  let controller: AbortController | null = null

  /** Queues (the call given) and follows the job; its last state, or null when queuing failed. */
  async function follow(queue: Promise<JobView>): Promise<JobView | null> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    try {
      return await pollJob(await queue, { get: serviceApi.job, onUpdate: (j) => (job.value = j), signal: mine.signal })
    } catch (e) {
      showError(e)
      return null
    }
  }

  onBeforeUnmount(() => controller?.abort())
  return { job, running, follow }
}
