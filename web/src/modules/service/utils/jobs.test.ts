import { describe, expect, it } from 'vitest'
import type { JobView } from '../api'
import { isFinished, pollJob } from './jobs'

const job = (status: string, progress: number): JobView => ({ id: 9, kind: 'service_compute', params: { round_id: 3 }, status, progress, created_at: '2026-01-01T00:00:00Z' }) as JobView

describe('following the computation job', () => {
  it('reads the job until it is done, with growing waits, reporting every state', async () => {
    const states = [job('running', 30), job('done', 100)]
    const waits: number[] = []
    const seen: number[] = []
    const last = await pollJob(job('queued', 0), {
      get: async (id) => {
        expect(id).toBe(9)
        return states.shift()!
      },
      onUpdate: (j) => seen.push(j.progress),
      sleep: async (ms) => void waits.push(ms),
      interval: 400,
      maxInterval: 500,
    })
    expect(last.status).toBe('done')
    expect(seen).toEqual([0, 30, 100])
    expect(waits).toEqual([400, 500])
  })

  it('stops at a failure, or when the page is left', async () => {
    expect((await pollJob(job('running', 5), { get: async () => job('failed', 5), sleep: async () => {} })).status).toBe('failed')
    const leave = new AbortController()
    const last = await pollJob(job('running', 5), { get: async () => job('running', 50), sleep: async () => leave.abort(), signal: leave.signal })
    expect(last.progress).toBe(5)
    expect(isFinished(job('done', 100))).toBe(true)
    expect(isFinished(job('queued', 0))).toBe(false)
  })
})
