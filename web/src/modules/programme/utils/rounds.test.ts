import { describe, expect, it } from 'vitest'
import {
  criteriaTree, csvFields, fiveNumbers, flowIndex, iccLevel, kendallLevel, leafTotal, nextStage, quotaProblem, reproduceCommand, reviewerTotals, roundSteps, scoredStages,
  shortlistOf, suggestChoices,
} from './rounds'

describe('round steps', () => {
  const base = { status: 'draft', stage: 'independent', notice_until: null, objections_open: 0 }
  it('offer what the state allows', () => {
    expect(roundSteps(base, '2026-12-01')).toMatchObject({ edit: true, open: true, close: false, assign: false, lock: false })
    expect(roundSteps({ ...base, status: 'open' }, '2026-12-01')).toMatchObject({ edit: true, open: false, close: true })
    expect(roundSteps({ ...base, status: 'review' }, '2026-12-01')).toMatchObject({ edit: false, assign: true, lock: true, shortlist: false })
    expect(roundSteps({ ...base, status: 'review', stage: 'consensus' }, '2026-12-01')).toMatchObject({ assign: false, lock: true, shortlist: false })
    expect(roundSteps({ ...base, status: 'review', stage: 'closed' }, '2026-12-01')).toMatchObject({ lock: false, shortlist: true })
  })
  it('let a round be decided after the notice, with no objection open', () => {
    const notice = { ...base, status: 'notice', notice_until: '2026-12-10' }
    expect(roundSteps(notice, '2026-12-10')).toMatchObject({ decide: true, decideWaits: 'notice' })
    expect(roundSteps({ ...notice, objections_open: 2 }, '2026-12-11').decideWaits).toBe('objections')
    expect(roundSteps(notice, '2026-12-11').decideWaits).toBeNull()
    expect(roundSteps({ ...base, status: 'decided' }, '2026-12-11')).toMatchObject({ decide: false, decideWaits: null })
  })
  it('place the flow and the stages', () => {
    expect(flowIndex('draft')).toBe(0)
    expect(flowIndex('notice')).toBe(3)
    expect(flowIndex('decided')).toBe(5)
    expect(nextStage('independent')).toBe('consensus')
    expect(nextStage('site_visit')).toBe('closed')
    expect(nextStage('closed')).toBeNull()
    expect(scoredStages('independent')).toEqual(['independent'])
    expect(scoredStages('consensus')).toEqual(['independent', 'consensus'])
    expect(scoredStages('closed')).toEqual(['independent', 'consensus', 'site_visit'])
  })
})

describe('the rubric', () => {
  const criteria = [
    { code: '4.1', name: '领导', max: 110, parent: null, leaf: false, depth: 0 },
    { code: '4.1.1', name: '高层领导的作用', max: 50, parent: '4.1', leaf: true, depth: 1 },
    { code: '4.1.2', name: '组织治理', max: 60, parent: '4.1', leaf: true, depth: 1 },
    { code: '4.2', name: '战略', max: 90.5, parent: null, leaf: true, depth: 0 },
  ]
  it('nests the criteria under their parents', () => {
    const tree = criteriaTree(criteria)
    expect(tree.map((c) => c.code)).toEqual(['4.1', '4.2'])
    expect(tree[0].children?.map((c) => c.code)).toEqual(['4.1.1', '4.1.2'])
    expect(tree[1].children).toBeUndefined()
    expect(leafTotal(criteria)).toBe(200.5)
  })
})

describe('agreement in words', () => {
  it('reads ICC and W', () => {
    expect(iccLevel(null)).toBe('none')
    expect(iccLevel(0.3)).toBe('poor')
    expect(iccLevel(0.6)).toBe('moderate')
    expect(iccLevel(0.8)).toBe('good')
    expect(iccLevel(0.95)).toBe('excellent')
    expect(kendallLevel(undefined)).toBe('none')
    expect(kendallLevel(0.2)).toBe('poor')
    expect(kendallLevel(0.75)).toBe('excellent')
  })
})

describe('the reviewers’ totals of scores.csv', () => {
  const csv = '\uFEFFapplication,reviewer,criterion,score,stage\r\nR001,E1,4.1.1,40,independent\nR001,E1,4.1.2,45.5,independent\nR001,E2,4.1.1,30,independent\nR001,E1,4.1.1,42,consensus\n"R002",E2,4.1.1,20,\n'
  it('sums each reviewer’s scores of the stage', () => {
    expect(reviewerTotals(csv)).toEqual([
      { application: 'R001', reviewer: 'E1', total: 85.5 },
      { application: 'R001', reviewer: 'E2', total: 30 },
      { application: 'R002', reviewer: 'E2', total: 20 },
    ])
    expect(reviewerTotals(csv, 'consensus')).toEqual([{ application: 'R001', reviewer: 'E1', total: 42 }])
    expect(reviewerTotals('reviewer,application,score\nE1,R9,3\n')).toEqual([{ application: 'R9', reviewer: 'E1', total: 3 }])
    expect(reviewerTotals('')).toEqual([])
    expect(reviewerTotals('a,b\n1,2')).toEqual([])
  })
  it('reads quoted fields', () => {
    expect(csvFields('"a, b",c,"say ""hi"""')).toEqual(['a, b', 'c', 'say "hi"'])
  })
  it('gives the five numbers of a box', () => {
    expect(fiveNumbers([1, 2, 3, 4, 5])).toEqual([1, 2, 3, 4, 5])
    expect(fiveNumbers([10])).toEqual([10, 10, 10, 10, 10])
    expect(fiveNumbers([4, 1, 3, 2])).toEqual([1, 1.75, 2.5, 3.25, 4])
  })
  it('names the command that reproduces it', () => {
    expect(reproduceCommand('independent')).toBe('longzhi engine review --scores scores.csv --rubric rubric.toml')
    expect(reproduceCommand('consensus')).toBe('longzhi engine review --scores scores.csv --rubric rubric.toml --stage consensus')
  })
})

describe('the shortlist', () => {
  const standings = [
    { application_id: 1, final_score: 700, rank: 2 },
    { application_id: 2, final_score: 800, rank: 1 },
    { application_id: 3, final_score: null, rank: null },
    { application_id: 4, final_score: 600, rank: 3 },
  ]
  it('suggests the best within the quotas', () => {
    expect(suggestChoices(standings, 1, 1)).toEqual({ 1: 'nomination', 2: 'winner', 3: '', 4: '' })
    expect(suggestChoices(standings, 5, 0)).toEqual({ 1: 'winner', 2: 'winner', 3: '', 4: 'winner' })
  })
  it('checks the quotas and builds the body', () => {
    expect(quotaProblem({ 1: 'winner', 2: 'winner' }, 1, 5)).toBe('winners')
    expect(quotaProblem({ 1: 'nomination', 2: 'winner' }, 1, 0)).toBe('nominations')
    expect(quotaProblem({ 1: 'nomination', 2: 'winner', 3: '' }, 1, 1)).toBeNull()
    expect(shortlistOf({ 1: 'nomination', 2: 'winner', 3: '', 4: 'winner' })).toEqual({ winners: [2, 4], nominations: [1] })
  })
})
