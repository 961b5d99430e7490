import { describe, expect, it } from 'vitest'
import type { JobView } from '../api'
import { isFinished, jobParam, pollJob } from './jobs'

const job = (status: JobView['status'], progress: number): JobView => ({ id: 7, kind: 'quality_report', params: { year: 2025 }, status, progress, created_at: '2026-01-01T00:00:00Z' })

describe('job polling', () => {
  it('reads the job until it is done, with growing waits, reporting every state', async () => {
    const states = [job('running', 10), job('running', 60), job('done', 100)]
    const waits: number[] = []
    const seen: number[] = []
    const last = await pollJob(job('queued', 0), {
      get: async (id) => {
        expect(id).toBe(7)
        return states.shift()!
      },
      onUpdate: (j) => seen.push(j.progress),
      sleep: async (ms) => {
        waits.push(ms)
      },
      interval: 400,
      maxInterval: 700,
    })
    expect(last.status).toBe('done')
    expect(seen).toEqual([0, 10, 60, 100])
    expect(waits).toEqual([400, 600, 700])
  })

  it('stops at a failure, or when the page is left', async () => {
    expect((await pollJob(job('running', 5), { get: async () => job('failed', 5), sleep: async () => {} })).status).toBe('failed')
    const controller = new AbortController()
    let reads = 0
    const last = await pollJob(job('running', 5), {
      get: async () => {
        reads++
        controller.abort()
        return job('running', 50)
      },
      signal: controller.signal,
      sleep: async () => {},
    })
    expect(reads).toBe(1)
    expect(last.progress).toBe(5)
  })

  it('knows finished jobs and reads their parameters', () => {
    expect(isFinished(job('done', 100))).toBe(true)
    expect(isFinished(job('queued', 0))).toBe(false)
    expect(jobParam(job('done', 100), 'year')).toBe(2025)
    expect(jobParam({ params: null }, 'year')).toBeNull()
  })
})
