import { describe, expect, it } from 'vitest'
import { changeDirection, constructNamer, exclusionCounts, formatCi, formatCoef, formatIndex, formatSigned, indexRange, meetsThreshold, rankingOrder, significance } from './indices'

describe('the results’ figures', () => {
  it('print indices, intervals, changes and coefficients, a dash for what is missing', () => {
    expect(formatIndex(78.456)).toBe('78.5')
    expect(formatIndex(null)).toBe('—')
    expect(formatIndex(Number.NaN)).toBe('—')
    expect(formatCi(75.04, 81.96)).toBe('[75.0, 82.0]')
    expect(formatCi(0.1234, 0.5678, 3)).toBe('[0.123, 0.568]')
    expect(formatCi(75, null)).toBe('—')
    expect(formatSigned(1.24)).toBe('+1.2')
    expect(formatSigned(-0.46)).toBe('−0.5')
    expect(formatSigned(-0.04)).toBe('0.0')
    expect(formatSigned(undefined)).toBe('—')
    expect(formatCoef(0.41234)).toBe('0.412')
    expect(formatCoef(null)).toBe('—')
  })

  it('show a change’s direction only beyond rounding', () => {
    expect(changeDirection(0.3)).toBe(1)
    expect(changeDirection(-2)).toBe(-1)
    expect(changeDirection(0.04)).toBe(0)
    expect(changeDirection(null)).toBe(0)
  })

  it('rank the cities by the server’s rank, else by the index, ties by code', () => {
    const rows = [
      { code: '620500', index: 70, rank: 2 },
      { code: '620100', index: 80, rank: 1 },
      { code: '620900', index: 75 },
      { code: '620200', index: 75 },
    ]
    expect(rankingOrder(rows).map((r) => r.code)).toEqual(['620100', '620500', '620200', '620900'])
    // The input is not reordered.
    expect(rows[0].code).toBe('620500')
  })

  it('frame a chart of indices on whole 5 points around the data and their intervals', () => {
    expect(indexRange([{ index: 72.3, ci_lo: 68.2, ci_hi: 76.4 }, { index: 81.1 }])).toEqual({ min: 65, max: 85 })
    expect(indexRange([{ index: 99.5, ci_hi: 100 }])).toEqual({ min: 95, max: 100 })
    expect(indexRange([])).toEqual({ min: 0, max: 100 })
  })

  it('judge a path significant by its bootstrap interval, else by its t value', () => {
    expect(significance({ coef: 0.3, ci_lo: 0.1, ci_hi: 0.5 })).toBe('significant')
    expect(significance({ coef: -0.3, ci_lo: -0.5, ci_hi: -0.05 })).toBe('significant')
    expect(significance({ coef: 0.05, ci_lo: -0.02, ci_hi: 0.12 })).toBe('not_significant')
    expect(significance({ coef: 0.3, se: 0.1 })).toBe('significant')
    expect(significance({ coef: 0.1, se: 0.1 })).toBe('not_significant')
    expect(significance({ coef: 0.1, se: 0 })).toBe('unknown')
    expect(significance({ coef: 0.1 })).toBe('unknown')
  })

  it('check the reliability thresholds', () => {
    expect(meetsThreshold('alpha', 0.71)).toBe(true)
    expect(meetsThreshold('rho_c', 0.69)).toBe(false)
    expect(meetsThreshold('ave', 0.5)).toBe(true)
    expect(meetsThreshold('ave', null)).toBeNull()
  })

  it('count the exclusions in the rules’ order, unknown rules after', () => {
    expect(exclusionCounts({ speeding: 4, other: 1, straight_line: 2 }, ['straight_line', 'speeding', 'missing'])).toEqual([
      { rule: 'straight_line', count: 2 },
      { rule: 'speeding', count: 4 },
      { rule: 'missing', count: 0 },
      { rule: 'other', count: 1 },
    ])
    expect(exclusionCounts(null, ['missing'])).toEqual([{ rule: 'missing', count: 0 }])
  })

  it('name a construct, or fall back on its code', () => {
    const name = constructNamer(new Map([['CS', '满意度']]))
    expect(name('CS')).toBe('满意度')
    expect(name('PV')).toBe('PV')
  })
})
