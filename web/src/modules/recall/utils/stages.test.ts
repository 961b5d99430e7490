import { describe, expect, it } from 'vitest'
import { INVESTIGATION_STEPS, RECALL_STEPS, WARNING_STEPS, allowedSteps, courseOf, stageSteps } from './stages'

const all = () => true
const only = (...codes: string[]) => (p: string) => codes.includes(p)

describe('the steps a record allows', () => {
  it('follow the investigation’s stage and the user’s permissions', () => {
    expect(allowedSteps(INVESTIGATION_STEPS, 'opened', all)).toEqual(['notify', 'talk'])
    expect(allowedSteps(INVESTIGATION_STEPS, 'expert_review', all)).toEqual(['assign', 'opinion', 'conclude', 'talk'])
    expect(allowedSteps(INVESTIGATION_STEPS, 'defect', all)).toEqual(['order', 'close', 'talk'])
    expect(allowedSteps(INVESTIGATION_STEPS, 'closed', all)).toEqual([])
    // A producer files its analysis, an expert gives an opinion: nothing else.
    expect(allowedSteps(INVESTIGATION_STEPS, 'notified', only('recall:investigation:analysis'))).toEqual(['analysis'])
    expect(allowedSteps(INVESTIGATION_STEPS, 'expert_review', only('recall:investigation:opinion'))).toEqual(['opinion'])
  })

  it('follow a recall’s and a warning’s status', () => {
    expect(allowedSteps(RECALL_STEPS, 'draft', all)).toEqual(['edit', 'publish'])
    expect(allowedSteps(RECALL_STEPS, 'draft', only('recall:recall:update'))).toEqual(['edit'])
    expect(allowedSteps(RECALL_STEPS, 'published', all)).toEqual(['progress', 'effectiveness', 'summary'])
    expect(allowedSteps(RECALL_STEPS, 'summarised', all)).toEqual(['effectiveness', 'close'])
    expect(allowedSteps(WARNING_STEPS, 'in_review', all)).toEqual(['review'])
    expect(allowedSteps(WARNING_STEPS, 'approved', only('recall:warning:update'))).toEqual([])
  })
})

describe('the investigation’s path', () => {
  const keys = (s: ReturnType<typeof stageSteps>) => s.steps.map((x) => x.key)

  it('runs to a recall until concluded otherwise', () => {
    const s = stageSteps('analysed')
    expect(keys(s)).toEqual(['opened', 'notified', 'analysed', 'expert_review', 'conclusion', 'recall_ordered', 'closed'])
    expect(s.active).toBe(2)
    expect(s.steps.map((x) => x.status)).toEqual(['finish', 'finish', 'process', 'wait', 'wait', 'wait', 'wait'])
    expect(stageSteps('analysed', {}, true).steps[2].status).toBe('error')
  })

  it('ends without a recall when no defect is found', () => {
    expect(keys(stageSteps('no_defect'))).toEqual(['opened', 'notified', 'analysed', 'expert_review', 'no_defect', 'closed'])
    const closed = stageSteps('closed', { verdict: 'no_defect' })
    expect(keys(closed)).toContain('no_defect')
    expect(closed.steps.every((x) => x.status === 'finish')).toBe(true)
  })

  it('shows the order only when a recall was ordered', () => {
    expect(keys(stageSteps('recall_ordered'))).toEqual(['opened', 'notified', 'analysed', 'expert_review', 'defect', 'recall_ordered', 'closed'])
    expect(keys(stageSteps('closed', { verdict: 'defect', ordered: false }))).not.toContain('recall_ordered')
    expect(keys(stageSteps('closed', { verdict: 'defect', ordered: true }))).toContain('recall_ordered')
  })

  it('reads the conclusion and the order from the timeline', () => {
    const timeline = [{ action: 'create', after: { status: 'opened' } }, { action: 'conclude', after: { status: 'defect' } }, { action: 'order', after: { status: 'recall_ordered' } }]
    expect(courseOf(timeline)).toEqual({ verdict: 'defect', ordered: true })
    expect(courseOf([])).toEqual({ verdict: undefined, ordered: false })
  })
})
