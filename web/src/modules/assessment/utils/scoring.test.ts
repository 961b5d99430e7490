import { describe, expect, it } from 'vitest'
import { changedScores, editsOf, groupByIndicator, rowErrors, scoreProblem } from './scoring'

const rows = [
  { item_id: 11, indicator_id: 1, points: 5, score: 5, comment: '', mine: true },
  { item_id: 21, indicator_id: 2, points: 3, score: null, comment: null, mine: true },
  { item_id: 12, indicator_id: 1, points: 5, score: null, comment: null, mine: true },
  { item_id: 31, indicator_id: 3, points: 4, score: null, comment: null, mine: false },
]

describe('scoring', () => {
  it('groups rows by indicator in order', () => {
    expect(groupByIndicator(rows).map((g) => [g.indicator.indicator_id, g.rows.map((r) => r.item_id)])).toEqual([[1, [11, 12]], [2, [21]], [3, [31]]])
  })
  it('sends only the caller’s changed scores', () => {
    const edits = editsOf(rows)
    expect(changedScores(rows, edits)).toEqual([])
    edits[12] = { score: 4, comment: ' 材料不全 ' }
    edits[21] = { score: null, comment: 'x' }
    edits[31] = { score: 4, comment: '' }
    edits[11] = { score: 5, comment: '' }
    expect(changedScores(rows, edits)).toEqual([{ item_id: 12, score: 4, comment: '材料不全' }])
    edits[11] = { score: 5, comment: '好' }
    expect(changedScores(rows, edits).map((s) => s.item_id)).toEqual([11, 12])
  })
  it('checks a score as the server does', () => {
    expect(scoreProblem(5, { score: 5, comment: '' })).toBeNull()
    expect(scoreProblem(5, { score: null, comment: '' })).toBeNull()
    expect(scoreProblem(5, { score: 6, comment: '' })).toBe('range')
    expect(scoreProblem(5, { score: -1, comment: 'x' })).toBe('range')
    expect(scoreProblem(5, { score: 4.5, comment: ' ' })).toBe('comment')
    expect(scoreProblem(5, { score: 4.5, comment: '扣分' })).toBeNull()
  })
  it('puts the server’s errors back on their rows', () => {
    const sent = [{ item_id: 12 }, { item_id: 21 }]
    expect(rowErrors({ 'items[1].comment': '必填', 'items[1].score': '超出', 'items[0].score': '超出', 'items[5].score': 'x', targets: 'y' }, sent)).toEqual({
      21: { comment: '必填', score: '超出' },
      12: { score: '超出' },
    })
  })
})
