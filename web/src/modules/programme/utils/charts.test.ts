import { describe, expect, it } from 'vitest'
import { totalsChartOption } from './charts'

describe('the reviewers’ totals chart', () => {
  it('draws a box per application and each reviewer’s total, an outlier’s apart', () => {
    const option = totalsChartOption({
      applications: [{ code: 'R002', label: 'R002 甲' }, { code: 'R001', label: 'R001' }],
      totals: [
        { application: 'R001', reviewer: 'E001', total: 600 },
        { application: 'R001', reviewer: 'E002', total: 700 },
        { application: 'R002', reviewer: 'E001', total: 800 },
        { application: 'R002', reviewer: 'E002', total: 900 },
        { application: 'R009', reviewer: 'E002', total: 1 },
      ],
      reviewerNames: { E001: '张三' },
      outliers: ['E002'],
      totalMax: 1000,
      texts: { box: 'box', reviewer: 'reviewer', outlier: 'outlier', axis: 'total' },
    }) as { xAxis: { data: string[] }; yAxis: { max: number }; series: { data: unknown[] }[] }
    expect(option.xAxis.data).toEqual(['R002 甲', 'R001'])
    expect(option.yAxis.max).toBe(1000)
    expect(option.series[0].data).toEqual([[800, 825, 850, 875, 900], [600, 625, 650, 675, 700]])
    expect(option.series[1].data).toEqual([{ value: [1, 600], reviewer: '张三' }, { value: [0, 800], reviewer: '张三' }])
    expect(option.series[2].data).toEqual([{ value: [1, 700], reviewer: 'E002' }, { value: [0, 900], reviewer: 'E002' }])
  })
})
