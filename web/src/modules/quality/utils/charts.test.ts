import { describe, expect, it } from 'vitest'
import { contributionOption, radarOption, seriesOption, sobolOption, trendOption } from './charts'

describe('the module’s chart options', () => {
  it('draw a city against the province on the radar', () => {
    const o = radarOption([{ code: 'D1', name: '维度一', min: 10, max: 90 }], { name: '白银市', values: [40] }, { name: '全省平均', values: [50] })
    expect(o.radar.indicator).toEqual([{ name: '维度一', min: 10, max: 90 }])
    expect(o.series[0].data.map((d) => [d.name, d.value])).toEqual([['白银市', [40]], ['全省平均', [50]]])
    expect(o.tooltip.valueFormatter(52.555)).toBe('52.55')
  })

  it('colour contributions above and below the cities’ mean, with the mean as a mark', () => {
    const o = contributionOption([{ code: 'a', name: '甲', value: 5, mean: 3 }, { code: 'b', name: '乙', value: 1, mean: 2 }], { city: '白银市', mean: '全省平均' })
    expect(o.yAxis.data).toEqual(['甲', '乙'])
    expect(o.series[0].data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual(['#67c23a', '#e6a23c'])
    expect(o.series[1].data).toEqual([3, 2])
  })

  it('lay out the trend, the Sobol indices and an indicator’s series', () => {
    const trend = trendOption([2024, 2025], { name: '全省平均', values: [48, 50] }, [{ name: '兰州市', values: [null, 52] }])
    expect(trend.xAxis.data).toEqual(['2024', '2025'])
    expect(trend.series.map((s) => s.name)).toEqual(['全省平均', '兰州市'])
    const sobol = sobolOption([{ input: 'weights', first: 0.9, total: null }], { first: '一阶', total: '总效应', input: () => '权重' })
    expect(sobol.xAxis.data).toEqual(['权重'])
    expect(sobol.series.map((s) => s.data)).toEqual([[0.9], [null]])
    const series = seriesOption('合格率', '%', [[2024, 93.1], [2025, 94.2]])
    expect(series.xAxis.data).toEqual(['2024', '2025'])
    expect(series.series[0].data).toEqual([93.1, 94.2])
  })
})
