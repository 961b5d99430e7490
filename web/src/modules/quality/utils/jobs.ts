/** Background jobs (GET /jobs/{id}): following one until it is done or failed. */
import type { JobView } from '../api'

export const isFinished = (j: Pick<JobView, 'status'>): boolean => j.status === 'done' || j.status === 'failed'

export interface PollOptions {
  /** Reads the job again (GET /jobs/{id}). */
  get: (id: number) => Promise<JobView>
  /** Each state read, the first included. */
  onUpdate?: (job: JobView) => void
  /** Stops following (the page is left): the last state read is returned. */
  signal?: AbortSignal
  /** The first wait in ms; each next one is 1.5 × longer, up to `maxInterval`. */
  interval?: number
  maxInterval?: number
  sleep?: (ms: number) => Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads a job until it is done or failed (or the signal aborts) and returns its last state. */
export async function pollJob(job: JobView, opts: PollOptions): Promise<JobView> {
  const sleep = opts.sleep ?? wait
  const max = opts.maxInterval ?? 2000
  let delay = opts.interval ?? 500
  let current = job
  opts.onUpdate?.(current)
  while (!isFinished(current)) {
    await sleep(delay)
    if (opts.signal?.aborted) break
    const next = await opts.get(current.id)
    if (opts.signal?.aborted) break
    current = next
    opts.onUpdate?.(current)
    delay = Math.min(max, Math.round(delay * 1.5))
  }
  return current
}

/** A number among a job's parameters (`year`, `framework_id` of a report), or null. */
export function jobParam(job: Pick<JobView, 'params'>, key: string): number | null {
  const p = job.params
  const v = typeof p === 'object' && p !== null ? (p as Record<string, unknown>)[key] : undefined
  return typeof v === 'number' ? v : null
}
