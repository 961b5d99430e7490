import { describe, expect, it } from 'vitest'
import { disputeFacts, shownEntries } from './timeline'

describe("a dispute's timeline", () => {
  it('shows what each step set', () => {
    expect(disputeFacts({ action: 'answer', after: { answered_on: '2026-03-05', status: 'open' } })).toEqual({ answeredOn: '2026-03-05' })
    expect(disputeFacts({ action: 'close', after: { outcome: 'replaced', status: 'closed' } })).toEqual({ outcome: 'replaced' })
    expect(disputeFacts({ action: 'create', after: { remedy: 'refund_or_replace' } })).toEqual({ remedy: 'refund_or_replace' })
    expect(disputeFacts({ action: 'experts', after: { experts: ['张工', 3, '李工'] } })).toEqual({ experts: ['张工', '李工'] })
    expect(disputeFacts({ action: 'update', after: { status: 'open' } })).toEqual({})
    expect(disputeFacts({ action: 'opinion', after: null })).toEqual({})
  })

  it('names the experts asked once', () => {
    expect(shownEntries([{ action: 'assign_expert' }, { action: 'experts' }, { action: 'close' }]).map((e) => e.action)).toEqual(['experts', 'close'])
  })
})
