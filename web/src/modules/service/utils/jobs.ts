/** Background jobs (GET /jobs/{id}): following a round's computation until it is done or failed. */

export interface JobState {
  id: number
  status: string
  progress: number
  message?: string | null
}

export const isFinished = (j: Pick<JobState, 'status'>): boolean => j.status === 'done' || j.status === 'failed'

export interface PollOptions<J extends JobState> {
  /** Reads the job again (GET /jobs/{id}). */
  get: (id: number) => Promise<J>
  /** Each state read, the first included. */
  onUpdate?: (job: J) => void
  /** Stops following (the page is left): the last state read is returned. */
  signal?: AbortSignal
  /** The first wait in ms; each next one is 1.5 × longer, up to `maxInterval`. */
  interval?: number
  maxInterval?: number
  sleep?: (ms: number) => Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Reads a job until it is done or failed (or the signal aborts) and returns its last state. */
export async function pollJob<J extends JobState>(job: J, opts: PollOptions<J>): Promise<J> {
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
