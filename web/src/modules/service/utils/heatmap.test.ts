import { describe, expect, it } from 'vitest'
import { heatGrid, heatmapOption, heatRange, serviceColumns } from './heatmap'

const cells = [
  { region_code: '620500', service: 'life_catering', n: 12, index: 71.2 },
  { region_code: '620100', service: 'pub_education', n: 40, index: 80.5 },
  { region_code: '620100', service: 'life_catering', n: 33, index: 76 },
  { region_code: '629999', service: 'pub_education', n: 3, index: 60 },
  { region_code: '620500', service: 'pub_health', n: 0, index: null },
]

describe('the city × service heat map', () => {
  it('orders the services public first, then life, each as given', () => {
    const cols = serviceColumns(
      [
        { code: 'life_catering', field: 'life' },
        { code: 'pub_education', field: 'public' },
        { code: 'pub_health', field: 'public' },
      ],
      (c) => `<${c}>`,
      ['public', 'life'],
    )
    expect(cols).toEqual([
      { code: 'pub_education', label: '<pub_education>' },
      { code: 'pub_health', label: '<pub_health>' },
      { code: 'life_catering', label: '<life_catering>' },
    ])
  })

  it('lays the cells on the cities (in the order given) and the services, leaving out those without an index', () => {
    const rows = [
      { code: '620100', label: '兰州' },
      { code: '620500', label: '天水' },
      { code: '620900', label: '酒泉' },
    ]
    const columns = [
      { code: 'pub_education', label: '教育' },
      { code: 'pub_health', label: '医疗' },
      { code: 'life_catering', label: '餐饮' },
    ]
    const g = heatGrid(cells, rows, columns)
    // 酒泉 and 医疗 have no cell with an index: dropped; an unknown city comes after, named by its code.
    expect(g.rows.map((r) => r.label)).toEqual(['兰州', '天水', '629999'])
    expect(g.columns.map((c) => c.label)).toEqual(['教育', '餐饮'])
    expect(g.cells).toEqual([
      { value: [0, 0, 80.5], n: 40 },
      { value: [1, 0, 76], n: 33 },
      { value: [1, 1, 71.2], n: 12 },
      { value: [0, 2, 60], n: 3 },
    ])
    expect(g.empty).toBe(2)
    expect(heatRange(g)).toEqual({ min: 60, max: 81 })
  })

  it('shows each cell’s index and n', () => {
    const g = heatGrid(cells.slice(0, 2), [{ code: '620100', label: '兰州' }, { code: '620500', label: '天水' }], [{ code: 'pub_education', label: '教育' }, { code: 'life_catering', label: '餐饮' }])
    const o = heatmapOption(g, { index: '指数', n: '样本' }) as {
      xAxis: { data: string[] }
      yAxis: { data: string[] }
      visualMap: { min: number; max: number }
      series: { type: string; data: unknown[]; label: { formatter: (p: { data: { value: number[]; n: number } }) => string } }[]
      tooltip: { formatter: (p: { data: { value: number[]; n: number } }) => string }
    }
    expect(o.xAxis.data).toEqual(['教育', '餐饮'])
    expect(o.yAxis.data).toEqual(['兰州', '天水'])
    expect(o.visualMap).toMatchObject({ min: 71, max: 81 })
    expect(o.series[0].type).toBe('heatmap')
    expect(o.series[0].label.formatter({ data: { value: [0, 0, 80.5], n: 40 } })).toBe('80.5\n{n|n=40}')
    expect(o.tooltip.formatter({ data: { value: [1, 1, 71.2], n: 12 } })).toBe('天水 · 餐饮<br/>指数: 71.2<br/>样本: 12')
    expect(heatRange(heatGrid([], [], []))).toEqual({ min: 0, max: 100 })
  })
})
