import { describe, expect, it } from 'vitest'
import {
  daysLeft,
  dueState,
  formatScore,
  gradePieOption,
  gradeType,
  indicatorCompareOption,
  indicatorGaps,
  mapRange,
  mapValues,
  partsBarOption,
  remediationSteps,
} from './results'

type Series = { name: string; data: unknown[] }[]

describe('the results charts', () => {
  it('draw the cities per grade, grades without a city left out', () => {
    const option = gradePieOption([{ grade: 'A', count: 2 }, { grade: 'B', count: 0 }, { grade: 'D', count: 1 }], { series: '等次', unit: (n) => `${n} 个` }) as { series: Series }
    expect(option.series[0].data).toEqual([
      { name: 'A', value: 2, itemStyle: { color: '#67c23a' } },
      { name: 'D', value: 1, itemStyle: { color: '#f56c6c' } },
    ])
  })

  it('stack each city’s part scores in the system’s order, a part not scored as 0', () => {
    const option = partsBarOption(
      [
        { label: '兰州市', parts: [{ part: '二', score: 30 }, { part: '一', score: 55 }] },
        { label: '天水市', parts: [{ part: '一', score: 50 }, { part: '二', score: null }] },
      ],
      [{ part: '一', points: 60 }, { part: '二', points: 40 }],
      { axis: '得分' },
    ) as { xAxis: { data: string[] }; yAxis: { max: number }; series: (Series[number] & { stack: string })[] }
    expect(option.xAxis.data).toEqual(['兰州市', '天水市'])
    expect(option.yAxis.max).toBe(100)
    expect(option.series.map((s) => s.name)).toEqual(['一（60）', '二（40）'])
    expect(option.series.map((s) => s.data)).toEqual([[55, 50], [30, 0]])
    expect(new Set(option.series.map((s) => s.stack)).size).toBe(1)
  })

  it('colour the map by total, from a round ten up to 100', () => {
    const values = mapValues([{ city_code: '620100', city_name: '兰州市', total: 92.5 }, { city_code: '620500', city_name: '天水市', total: null }])
    expect(values).toEqual([{ code: '620100', name: '兰州市', value: 92.5 }, { code: '620500', name: '天水市', value: 0 }])
    expect(mapRange([{ value: 92.5 }, { value: 74 }])).toEqual({ min: 60, max: 100 })
    expect(mapRange([{ value: 92.5 }, { value: 41 }])).toEqual({ min: 40, max: 100 })
  })

  it('name the grade’s tag colour and show scores with one decimal', () => {
    expect(['A', 'B', 'C', 'D', null].map(gradeType)).toEqual(['success', 'primary', 'warning', 'danger', 'info'])
    expect([90.25, 80, null, Number.NaN].map(formatScore)).toEqual(['90.3', '80', '—', '—'])
  })
})

describe('a city’s weak indicators', () => {
  const items = [
    { indicator_id: 1, code: '1.1', name: '质量工作领导', points: 60, score: 58, province_mean: 55, weak: false },
    { indicator_id: 2, code: '2.1', name: '计量基础', points: 40, score: 30, province_mean: 35, weak: true },
    { indicator_id: 3, code: '2.2', name: '标准化', points: 10, score: 4, province_mean: 8, weak: null },
    { indicator_id: 4, code: '3.1', name: '未评分', points: 10, score: null, province_mean: 8 },
  ]

  it('are those the server marks, or else below the mean, the largest shortfall first', () => {
    expect(indicatorGaps(items).map((i) => [i.code, i.gap])).toEqual([['2.1', -5], ['2.2', -4]])
  })

  it('come before the others when all are asked for', () => {
    expect(indicatorGaps(items, true).map((i) => i.code)).toEqual(['2.1', '2.2', '3.1', '1.1'])
  })

  it('are drawn as shares of their points against the mean, the weak in red', () => {
    const option = indicatorCompareOption(indicatorGaps(items), { city: '天水市', mean: '全省平均', axis: '%' }) as { yAxis: { data: string[] }; series: Series }
    expect(option.yAxis.data).toEqual(['2.2 标准化', '2.1 计量基础'])
    expect(option.series[0].data).toEqual([{ value: 40, itemStyle: { color: '#f56c6c' } }, { value: 75, itemStyle: { color: '#f56c6c' } }])
    expect(option.series[1].data).toEqual([80, 87.5])
  })
})

describe('remediation and feedback', () => {
  it('allow the report, the review and the talks by status', () => {
    expect(remediationSteps('open')).toEqual({ report: true, review: false, talk: true })
    expect(remediationSteps('returned')).toEqual({ report: true, review: false, talk: true })
    expect(remediationSteps('submitted')).toEqual({ report: false, review: true, talk: true })
    expect(remediationSteps('closed')).toEqual({ report: false, review: false, talk: false })
    expect(remediationSteps('cancelled')).toEqual({ report: false, review: false, talk: false })
  })

  it('read a deadline as the days past or left, none once over', () => {
    expect(daysLeft('2026-01-10', '2026-01-01')).toBe(9)
    expect(dueState({ due_on: '2026-01-01', overdue: true, status: 'open' }, '2026-01-04')).toEqual({ kind: 'overdue', days: 3 })
    expect(dueState({ due_on: '2026-01-10', overdue: false, status: 'returned' }, '2026-01-04')).toEqual({ kind: 'open', days: 6 })
    expect(dueState({ due_on: '2026-01-01', overdue: false, status: 'closed' }, '2026-01-04')).toEqual({ kind: 'done', days: -3 })
  })
})
