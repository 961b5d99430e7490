import { describe, expect, it } from 'vitest'
import type { EstimateRow } from '../api'
import { barOption, mapValues, rowLabel, toCsv } from './estimates'

const row = (by: Record<string, string>, estimate: number, published = true): EstimateRow =>
  ({ by, n: 30, points: 4, estimate, se: 1, cv: 0.1, ci_lo: estimate - 2, ci_hi: estimate + 2, published, reasons: published ? [] : ['cases'] }) as EstimateRow

describe('the estimates page', () => {
  it('labels a row over its dimensions', () => {
    expect(rowLabel(row({ product: 'toy', sex: 'F' }, 1), ['product', 'sex'], (d, l) => `${d}:${l}`)).toBe('product:toy · sex:F')
  })

  it('greys the unpublished bars, the largest at the top', () => {
    const o = barOption([row({ product: 'a' }, 10, false), row({ product: 'b' }, 20)], ['product'], (_d, l) => l) as { yAxis: { data: string[] }; series: { data: { itemStyle: { color: string } }[] }[] }
    expect(o.yAxis.data).toEqual(['a', 'b'])
    expect(o.series[0].data[0].itemStyle.color).toBe('#c0c4cc')
  })

  it('maps the cities’ rows', () => {
    expect(mapValues([row({ city: '620100' }, 12.4)], () => ({ name: '兰州市' }))).toEqual([{ code: '620100', name: '兰州市', value: 12 }])
  })

  it('writes CSV with quotes where needed', () => {
    expect(toCsv(['a', 'b'], [['x,y', 1]])).toBe('\uFEFFa,b\r\n"x,y",1\r\n')
  })
})
