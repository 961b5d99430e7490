import { describe, expect, it } from 'vitest'
import { changeOnLastYear, formatChange, formatPercent, formatRankInterval, formatScore, formatSigned, formatValue, isBigChange, ordinal, shortName } from './format'

describe('quality number formats', () => {
  it('print an index exactly as toFixed(2), the report and the command line do', () => {
    for (const v of [52.55136646048305, 0, 100, 49.995, 1.005, -3.14159]) expect(formatScore(v)).toBe(v.toFixed(2))
    expect(formatScore(null)).toBe('—')
    expect(formatScore(Number.NaN)).toBe('—')
  })

  it('print values without trailing zeros, up to four decimals', () => {
    expect(formatValue(95.6)).toBe('95.6')
    expect(formatValue(12)).toBe('12')
    expect(formatValue(0.123456)).toBe('0.1235')
    expect(formatValue(undefined)).toBe('—')
  })

  it('sign differences and changes with a real minus sign', () => {
    expect(formatSigned(1.234)).toBe('+1.23')
    expect(formatSigned(-0.5)).toBe('−0.50')
    expect(formatSigned(-0.001)).toBe('0.00')
    expect(formatSigned(3, 0)).toBe('+3')
    expect(formatChange(0.5)).toBe('+50.0%')
    expect(formatChange(-0.1234)).toBe('−12.3%')
    expect(formatChange(Infinity)).toBe('+∞')
    expect(formatChange(null)).toBe('—')
    expect(formatPercent(0.3)).toBe('30%')
    expect(formatPercent(0.125)).toBe('12.5%')
  })

  it('measure the change on last year as the server does (values.rs big_change)', () => {
    expect(changeOnLastYear(10, 15)).toBe(0.5)
    expect(changeOnLastYear(-10, -5)).toBe(0.5)
    expect(changeOnLastYear(0, 0)).toBe(0)
    expect(changeOnLastYear(0, 2)).toBe(Infinity)
    expect(changeOnLastYear(null, 2)).toBeNull()
    expect(changeOnLastYear(3, null)).toBeNull()
    expect(isBigChange(0.5, 0.3)).toBe(true)
    expect(isBigChange(-0.31, 0.3)).toBe(true)
    expect(isBigChange(0.3, 0.3)).toBe(false)
    expect(isBigChange(Infinity, 0.3)).toBe(true)
    expect(isBigChange(null, 0.3)).toBe(false)
  })

  it('name ranks and their intervals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st'])
    expect(formatRankInterval(3, 5.45)).toBe('3–5.5')
    expect(formatRankInterval(4, 4)).toBe('4')
    expect(formatRankInterval(null, 4)).toBe('—')
  })

  it('shorten the autonomous prefectures’ names for table cells', () => {
    expect(['临夏回族自治州', '甘南藏族自治州', '兰州市', 'Linxia Hui Autonomous Prefecture', 'Lanzhou'].map(shortName)).toEqual(['临夏州', '甘南州', '兰州市', 'Linxia', 'Lanzhou'])
  })
})
