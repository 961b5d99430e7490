import { describe, expect, it } from 'vitest'
import {
  allPassed,
  checkLines,
  checkProblem,
  conclusionProblem,
  isChecked,
  isCityKind,
  kindsFor,
  leaves,
  linesFor,
  mayCheck,
  mayRecommend,
  maxTotal,
  normaliseCode,
  scoreItems,
  selfAssessmentBody,
  sheetProblem,
  statusType,
  total,
  type Criterion,
} from './applications'

const criteria: Criterion[] = [
  { code: '1', name: '领导', max: 100, parent: null, leaf: false, depth: 0 },
  { code: '1.1', name: '高层领导', max: 60, parent: '1', leaf: true, depth: 1 },
  { code: '1.2', name: '社会责任', max: 40, parent: '1', leaf: true, depth: 1 },
  { code: '2', name: '结果', max: 50.5, parent: null, leaf: true, depth: 0 },
]

describe('programme rubric sheets', () => {
  it('score only the leaves, in tree order, against the sum of their maxima', () => {
    expect(leaves(criteria).map((c) => c.code)).toEqual(['1.1', '1.2', '2'])
    expect(maxTotal(criteria)).toBe(150.5)
  })

  it('keep what a sheet already holds and total it', () => {
    const lines = linesFor(criteria, [{ criterion: '1.2', score: 30.5, note: '有证据' }, { criterion: 'gone', score: 9 }])
    expect(lines).toEqual([
      { criterion: '1.1', score: null, text: '' },
      { criterion: '1.2', score: 30.5, text: '有证据' },
      { criterion: '2', score: null, text: '' },
    ])
    expect(total(lines)).toBe(30.5)
    expect(linesFor(criteria, [{ criterion: '2', score: 10, comment: '现场核实' }])[2].text).toBe('现场核实')
  })

  it('name the first leaf missing, out of range or (consensus) without its comment', () => {
    const lines = linesFor(criteria)
    expect(sheetProblem(criteria, lines)).toEqual({ criterion: '1.1', problem: 'missing' })
    lines[0].score = 61
    expect(sheetProblem(criteria, lines)).toEqual({ criterion: '1.1', problem: 'range' })
    lines[0].score = 60
    lines[1].score = 0
    lines[2].score = 50.5
    expect(sheetProblem(criteria, lines)).toBeNull()
    expect(sheetProblem(criteria, lines, true)).toEqual({ criterion: '1.1', problem: 'text' })
    // A site visit corrects some leaves only, each with its reason.
    const visit = linesFor(criteria)
    expect(sheetProblem(criteria, visit, true, true)).toEqual({ criterion: '1.1', problem: 'missing' })
    visit[1].score = 35
    expect(sheetProblem(criteria, visit, true, true)).toEqual({ criterion: '1.2', problem: 'text' })
    visit[1].text = '现场核实'
    expect(sheetProblem(criteria, visit, true, true)).toBeNull()
    expect(scoreItems(visit)).toEqual([{ criterion: '1.2', score: 35, comment: '现场核实' }])
    for (const l of lines) l.text = ' 理由 '
    expect(sheetProblem(criteria, lines, true)).toBeNull()
    expect(scoreItems(lines)[0]).toEqual({ criterion: '1.1', score: 60, comment: '理由' })
  })

  it('send the self-assessment without unscored lines', () => {
    const lines = linesFor(criteria)
    lines[1].score = 20
    lines[1].text = ' 说明 '
    expect(selfAssessmentBody(lines)).toEqual([{ criterion: '1.2', score: 20, note: '说明' }])
  })
})

describe('programme application steps', () => {
  it('let the city recommend only an enterprise’s submitted application', () => {
    expect(isCityKind('demo_zone')).toBe(true)
    expect(isCityKind('award')).toBe(false)
    expect(mayRecommend({ kind: 'award', status: 'submitted' })).toBe(true)
    expect(mayRecommend({ kind: 'brand', status: 'recommended' })).toBe(false)
    expect(mayRecommend({ kind: 'benchmark_city', status: 'submitted' })).toBe(false)
  })

  it('let the province check a recommended enterprise or a submitted city', () => {
    expect(mayCheck({ kind: 'award', status: 'recommended' })).toBe(true)
    expect(mayCheck({ kind: 'award', status: 'submitted' })).toBe(false)
    expect(mayCheck({ kind: 'demo_zone', status: 'submitted' })).toBe(true)
    expect(mayCheck({ kind: 'brand', status: 'eligible' })).toBe(true)
    expect(mayCheck({ kind: 'brand', status: 'awarded' })).toBe(false)
  })

  it('check every eligibility item, a failed one with its reason', () => {
    const lines = checkLines([{ code: 'E1', text: '依法经营' }, { code: 'E2', text: '三年无重大事故' }], [{ code: 'E2', passed: false, reason: null }])
    expect(lines.map((l) => [l.code, l.passed, l.reason])).toEqual([['E1', true, ''], ['E2', false, '']])
    expect(checkProblem(lines)).toBe('E2')
    expect(allPassed(lines)).toBe(false)
    expect(isChecked('recommended')).toBe(false)
    expect(isChecked('ineligible')).toBe(true)
    expect(isChecked('awarded')).toBe(true)
    lines[1].reason = '2025 年有事故'
    expect(checkProblem(lines)).toBeNull()
  })

  it('offer an enterprise the award and the brand, a city bureau the city programmes', () => {
    expect(kindsFor('enterprise')).toEqual(['award', 'brand'])
    expect(kindsFor('city_bureau')).toEqual(['benchmark_city', 'demo_zone'])
    expect(kindsFor(null)).toHaveLength(4)
  })

  it('colour the statuses', () => {
    expect(statusType('awarded')).toBe('success')
    expect(statusType('returned')).toBe('warning')
    expect(statusType('ineligible')).toBe('danger')
    expect(statusType('draft')).toBe('info')
  })
})

describe('programme terms and certificates', () => {
  it('conclude with a note, a remediation with a deadline after today', () => {
    expect(conclusionProblem({ outcome: 'keep', note: ' ', deadline: null }, '2026-12-01')).toBe('note')
    expect(conclusionProblem({ outcome: 'keep', note: '良好', deadline: null }, '2026-12-01')).toBeNull()
    expect(conclusionProblem({ outcome: 'remediate', note: '整改', deadline: null }, '2026-12-01')).toBe('deadline')
    expect(conclusionProblem({ outcome: 'remediate', note: '整改', deadline: '2026-12-01' }, '2026-12-01')).toBe('deadline')
    expect(conclusionProblem({ outcome: 'remediate', note: '整改', deadline: '2027-03-01' }, '2026-12-01')).toBeNull()
  })

  it('read a verification code as typed', () => {
    expect(normaliseCode(' LZ-2026 0001 ')).toBe('LZ-20260001')
  })
})
