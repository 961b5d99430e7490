import { describe, expect, it } from 'vitest'
import { classify, ipaMeans, ipaOption, quadrantOf, type IpaPoint } from './ipa'

const points: IpaPoint[] = [
  { construct: 'PQ', name: '感知质量', importance: 0.6, performance: 70 },
  { construct: 'EX', name: '顾客预期', importance: 0.2, performance: 82 },
  { construct: 'PV', name: '感知价值', importance: 0.5, performance: 85 },
  { construct: 'CC', name: '顾客抱怨', importance: 0.1, performance: 60 },
]

describe('the importance–performance matrix', () => {
  it('draws its lines at the means', () => {
    expect(ipaMeans(points)).toEqual({ importance: expect.closeTo(0.35, 10), performance: 74.25 })
    expect(ipaMeans([])).toBeNull()
  })

  it('puts the important constructs that perform poorly first, to improve', () => {
    const means = { importance: 0.35, performance: 74.25 }
    expect(quadrantOf(points[0], means)).toBe('improve')
    expect(quadrantOf(points[1], means)).toBe('surplus')
    expect(quadrantOf(points[2], means)).toBe('keep')
    expect(quadrantOf(points[3], means)).toBe('low')
    // On a line counts as high.
    expect(quadrantOf({ importance: 0.35, performance: 74.25 }, means)).toBe('keep')
    expect(classify(points).map((p) => [p.construct, p.quadrant])).toEqual([
      ['PQ', 'improve'],
      ['PV', 'keep'],
      ['CC', 'low'],
      ['EX', 'surplus'],
    ])
  })

  it('is a labelled scatter coloured by quadrant, with the means as dashed lines', () => {
    const o = ipaOption(points, { importance: 'I', performance: 'P', mean: 'M', quadrant: (q) => q }) as {
      series: { type: string; data: { name: string; value: number[]; quadrant: string; itemStyle: { color: string } }[]; markLine: { data: { xAxis?: number; yAxis?: number }[] } }[]
      xAxis: { name: string; min: number; max: number }
      yAxis: { name: string; min: number }
    }
    const s = o.series[0]
    expect(s.type).toBe('scatter')
    expect(s.data[0]).toMatchObject({ name: '感知质量', value: [0.6, 70], quadrant: 'improve', itemStyle: { color: '#f56c6c' } })
    expect(s.markLine.data).toEqual([expect.objectContaining({ xAxis: expect.closeTo(0.35, 10) }), expect.objectContaining({ yAxis: 74.25 })])
    expect(o.xAxis.name).toBe('I')
    expect(o.xAxis.min).toBeLessThan(0.1)
    expect(o.xAxis.max).toBeGreaterThan(0.6)
    expect(o.yAxis.min).toBeGreaterThanOrEqual(0)
    // Without points: an empty chart, no lines.
    const empty = ipaOption([], { importance: 'I', performance: 'P', mean: 'M', quadrant: (q) => q }) as { series: { data: unknown[]; markLine?: unknown }[] }
    expect(empty.series[0].data).toEqual([])
    expect(empty.series[0].markLine).toBeUndefined()
  })
})
