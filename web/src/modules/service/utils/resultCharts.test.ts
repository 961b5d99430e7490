import { describe, expect, it } from 'vitest'
import { errorBars, rankingOption, servicesOption } from './resultCharts'

const labels = { index: 'I', province: 'P', n: 'n', ci: 'CI', change: 'Δ' }

describe('the results’ bar charts', () => {
  it('draw each city’s interval as an error bar at its bar', () => {
    const rows = [
      { code: '620100', label: '兰州', index: 80, n: 50, ci_lo: 77, ci_hi: 83, change: 1.5 },
      { code: '620500', label: '天水', index: 74, n: 30 },
    ]
    expect(errorBars(rows)).toEqual([[{ coord: [77, '兰州'] }, { coord: [83, '兰州'] }]])
    const o = rankingOption(rows, labels, 76) as {
      yAxis: { data: string[] }
      xAxis: { min: number; max: number }
      series: { data: { value: number; itemStyle: { color: string } }[]; markLine: { data: unknown[] } }[]
      tooltip: { formatter: (ps: { name: string }[]) => string }
    }
    expect(o.yAxis.data).toEqual(['兰州', '天水'])
    expect(o.xAxis).toMatchObject({ min: 70, max: 85 })
    // Below the province: orange.
    expect(o.series[0].data.map((d) => d.itemStyle.color)).toEqual(['#409eff', '#e6a23c'])
    // One error bar and the province's line.
    expect(o.series[0].markLine.data).toHaveLength(2)
    expect(o.series[0].markLine.data[1]).toMatchObject({ xAxis: 76 })
    expect(o.tooltip.formatter([{ name: '兰州' }])).toBe('<b>兰州</b><br/>I: 80.0<br/>n: 50<br/>CI: 77.0 – 83.0<br/>Δ: +1.5')
    expect(o.tooltip.formatter([{ name: '天水' }])).toBe('<b>天水</b><br/>I: 74.0<br/>n: 30')
    // Without the province (a city before publication): no line.
    const own = rankingOption([rows[1]], labels, null) as { series: { markLine: { data: unknown[] } }[] }
    expect(own.series[0].markLine.data).toEqual([])
  })

  it('group the services by field, public first, one bar each', () => {
    const rows = [
      { code: 'life_catering', label: '餐饮', index: 70, n: 20, field: 'life' },
      { code: 'pub_health', label: '医疗', index: 78, n: 20, field: 'public' },
      { code: 'pub_education', label: '教育', index: 82, n: 20, field: 'public' },
    ]
    const o = servicesOption(rows, [{ code: 'public', label: '公共服务', index: 80 }, { code: 'life', label: '生活服务', index: 70 }], labels) as {
      yAxis: { data: string[] }
      legend: { data: string[] }
      series: { name: string; stack: string; data: (number | null)[]; markLine?: { data: { xAxis: number }[] } }[]
    }
    expect(o.yAxis.data).toEqual(['教育', '医疗', '餐饮'])
    expect(o.legend.data).toEqual(['公共服务', '生活服务'])
    expect(o.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['公共服务', 'field', [82, 78, null]],
      ['生活服务', 'field', [null, null, 70]],
    ])
    expect(o.series[0].markLine?.data).toEqual([{ xAxis: 80 }])
  })
})
