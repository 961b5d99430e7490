import { describe, expect, it } from 'vitest'
import { answerProblem, answersBody, blankAnswers, countAnswers, outOfRange, previewFlags, scalePoints } from './answers'

const constructs = [{ items: [{ code: 'EX1' }, { code: 'EX2' }] }, { items: [{ code: 'CS1' }, { code: 'CS2' }, { code: 'CS3' }] }]
const limits = { scale_min: 1, scale_max: 10, min_seconds: 60, max_missing: 0.2 }

describe('the answer form', () => {
  it('starts blank, one value per item', () => {
    expect(blankAnswers(constructs)).toEqual({ EX1: null, EX2: null, CS1: null, CS2: null, CS3: null })
  })

  it('offers the scale’s points', () => {
    expect(scalePoints(1, 5)).toEqual([1, 2, 3, 4, 5])
    expect(scalePoints(1, 10)).toHaveLength(10)
    expect(scalePoints(5, 1)).toEqual([])
  })

  it('counts answered and blank items; blank is "don’t know"', () => {
    expect(countAnswers({ a: 1, b: null, c: 7 })).toEqual({ answered: 2, blank: 1, total: 3 })
  })

  it('refuses an empty form or a value outside the scale', () => {
    expect(answerProblem({ a: null, b: null }, 1, 10)).toBe('empty')
    expect(answerProblem({ a: 11, b: null }, 1, 10)).toBe('range')
    expect(answerProblem({ a: 2.5 }, 1, 10)).toBe('range')
    expect(answerProblem({ a: 10, b: null }, 1, 10)).toBeNull()
    expect(outOfRange({ a: 0, b: 3, c: 11 }, 1, 10)).toEqual(['a', 'c'])
  })

  it('previews the server’s data-quality flags', () => {
    const same = { a: 7, b: 7, c: 7, d: 7, e: 7 }
    expect(previewFlags(same, 120, limits)).toEqual(['straight_line'])
    // Fewer than five answered items never count as straight-lining.
    expect(previewFlags({ a: 7, b: 7, c: 7, d: 7 }, 120, limits)).toEqual([])
    expect(previewFlags({ a: 7, b: 8, c: 9, d: 7, e: 3 }, 59, limits)).toEqual(['speeding'])
    expect(previewFlags({ a: 7, b: 8, c: 9, d: 7, e: 3 }, null, limits)).toEqual([])
    expect(previewFlags({ a: 0, b: 8, c: 9, d: 7, e: 3 }, 60, limits)).toEqual(['out_of_range'])
    // One blank of five is 20 %, allowed; two is not.
    expect(previewFlags({ a: null, b: 8, c: 9, d: 7, e: 3 }, 60, limits)).toEqual([])
    expect(previewFlags({ a: null, b: null, c: 9, d: 7, e: 3 }, 60, limits)).toEqual(['missing'])
  })

  it('sends every item, blank as null', () => {
    expect(answersBody({ a: 1, b: undefined as unknown as null, c: null })).toEqual({ a: 1, b: null, c: null })
  })
})
