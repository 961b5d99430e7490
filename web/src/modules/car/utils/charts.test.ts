import { describe, expect, it } from 'vitest'
import { cityValues, pieOption, stat, trendOption } from './charts'

describe('the analysis charts', () => {
  it('draw the months as bars and the refunds as a line', () => {
    const o = trendOption([{ month: '2026-01', disputes: 3, visits: 7, refund_or_replace: 1 }, { month: '2026-02', disputes: 0, visits: 2, refund_or_replace: 0 }], { disputes: 'D', visits: 'V', refund: 'R' }) as {
      xAxis: { data: string[] }; series: { name: string; type: string; data: number[] }[]
    }
    expect(o.xAxis.data).toEqual(['2026-01', '2026-02'])
    expect(o.series.map((s) => [s.name, s.type, s.data])).toEqual([['D', 'bar', [3, 0]], ['V', 'bar', [7, 2]], ['R', 'line', [1, 0]]])
  })

  it('colour the remedies as their tags, and label the keys', () => {
    const o = pieOption([{ key: 'refund_or_replace', count: 2 }, { key: 'agreement', count: 1 }], (k) => `<${k}>`, 'x') as { series: { data: { name: string; value: number; itemStyle?: { color: string } }[] }[] }
    expect(o.series[0].data).toEqual([{ name: '<refund_or_replace>', value: 2, itemStyle: { color: '#f56c6c' } }, { name: '<agreement>', value: 1 }])
  })

  it('map the disputes by city and print the statistics', () => {
    expect(cityValues([{ city_code: '620100', name: '兰州市', name_en: 'Lanzhou', disputes: 4, open: 1 } as never])).toEqual([{ code: '620100', name: '兰州市', name_en: 'Lanzhou', value: 4 }])
    expect(stat(2.345)).toBe('2.35')
    expect(stat(null)).toBe('—')
    expect(stat(Infinity)).toBe('—')
  })
})
