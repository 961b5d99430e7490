import { describe, expect, it } from 'vitest'
import type { Analysis, FrameworkView, RoundView, TrendYear } from '../api'
import {
  contributions, defaultFramework, defaultYear, intervalBox, mapValues, metricOptions, provinceIndex, radarAxes, radarValues, rankingRows, sobolOf, strengths, trendSeries, valueRange,
} from './analysis'

const framework: FrameworkView = {
  id: 1, code: 'T', revision: 1, name: '测试体系', description: '', normalisation: 'minmax', aggregation: 'arithmetic', weighting: 'given', imputation: 'none',
  weight_noise: 0.2, mc_runs: 100, change_threshold: 0.3, status: 'published', version: 1,
  nodes: [
    { code: 'R', name: '根', parent_code: null, weight: 1 },
    { code: 'D1', name: '维度一', parent_code: 'R', weight: 1 },
    { code: 'xa', name: '指标甲', parent_code: 'D1', weight: 1, indicator_id: 1, unit: '%' },
    { code: 'xb', name: '指标乙', parent_code: 'D1', weight: 2, indicator_id: 2, unit: '件' },
    { code: 'D2', name: '维度二', parent_code: 'R', weight: 1 },
    { code: 'xc', name: '指标丙', parent_code: 'D2', weight: 1, indicator_id: 3, unit: '%' },
  ],
}

const unit = (code: string, rank: number, r: number, d1: number, d2: number, c: [number, number, number]) => ({
  unit: code, rank, scores: { R: r, D1: d1, D2: d2 }, contributions: { xa: c[0], xb: c[1], xc: c[2] }, rank_q05: Math.max(1, rank - 1), rank_median: rank, rank_q95: rank + 0.5,
})

const analysis: Analysis = {
  framework, year: 2025, root: 'R', mc_runs: 100, seed: 0,
  regions: [{ code: '620100', name: '兰州市', name_en: 'Lanzhou' }, { code: '620400', name: '白银市', name_en: 'Baiyin' }, { code: '620500', name: '天水市', name_en: 'Tianshui' }],
  engine: {
    units: [unit('620100', 2, 50, 60, 40, [10, 20, 20]), unit('620400', 3, 30, 20, 40, [5, 5, 20]), unit('620500', 1, 70, 80, 60, [30, 10, 30])],
    weights: {},
  },
  previous: { units: [{ unit: '620100', rank: 1, scores: { R: 48 } }, { unit: '620400', rank: 2, scores: { R: 32 } }], weights: {} },
  changes: [{ region_code: '620100', score_change: 2, rank_change: -1 }, { region_code: '620400', score_change: -2, rank_change: -1 }, { region_code: '620500' }],
  province: { R: 50, D1: 160 / 3, D2: 140 / 3 },
  values: { '620100': { xa: 90, xb: 3 }, '620400': { xa: 80, xb: 5, xc: 1 }, '620500': { xa: 95 } },
}

describe('the analysis page’s figures', () => {
  it('rank the cities with their interval and change', () => {
    const rows = rankingRows(analysis)
    expect(rows.map((r) => [r.region.name, r.rank, r.score])).toEqual([['天水市', 1, 70], ['兰州市', 2, 50], ['白银市', 3, 30]])
    expect(rows[1]).toMatchObject({ q05: 1, median: 2, q95: 2.5, scoreChange: 2, rankChange: -1 })
    expect(rows[0]).toMatchObject({ scoreChange: null, rankChange: null })
    expect(provinceIndex(analysis)).toEqual({ score: 50, change: 10 })
  })

  it('colour the map by the index, a dimension or an indicator’s value', () => {
    expect(metricOptions(framework).map((m) => [m.code, m.kind, m.depth])).toEqual([
      ['R', 'index', 0], ['D1', 'node', 1], ['D2', 'node', 1], ['xa', 'indicator', 2], ['xb', 'indicator', 2], ['xc', 'indicator', 2],
    ])
    expect(mapValues(analysis, 'R', false).map((v) => v.value)).toEqual([50, 30, 70])
    expect(mapValues(analysis, 'xc', true)).toEqual([{ code: '620400', name: '白银市', name_en: 'Baiyin', value: 1 }])
    expect(valueRange(mapValues(analysis, 'R', false))).toEqual({ min: 30, max: 70 })
    expect(valueRange([])).toBeNull()
  })

  it('draw a city against the province on the dimensions', () => {
    const axes = radarAxes(analysis)
    expect(axes.map((a) => [a.code, a.min, a.max])).toEqual([['D1', 14, 86], ['D2', 38, 62]])
    expect(radarValues(analysis, '620400', axes)).toEqual({ city: [20, 40], province: [160 / 3, 140 / 3] })
  })

  it('say where a city’s index comes from, and its strongest and weakest indicator', () => {
    const list = contributions(analysis, '620100')
    expect(list.map((c) => [c.code, c.value])).toEqual([['xb', 20], ['xc', 20], ['xa', 10]])
    expect(list[0].mean).toBeCloseTo(35 / 3)
    // Against the cities' means: xb +8.3, xc −3.3, xa −5.
    const s = strengths(list)!
    expect([s.strongest.name, s.weakest.name]).toEqual(['指标乙', '指标甲'])
    expect(contributions(analysis, '620100', (code) => code.toUpperCase())[0].name).toBe('XB')
    expect(strengths([])).toBeNull()
  })

  it('lay out the trend by year', () => {
    const trend: TrendYear[] = [
      { year: 2025, province: 50, scores: { '620100': 50 }, ranks: {} },
      { year: 2024, province: 48, scores: { '620100': 48, '620400': 31 }, ranks: {} },
    ]
    expect(trendSeries(trend, ['620100', '620400'])).toEqual({ years: [2024, 2025], province: [48, 50], cities: [{ code: '620100', values: [48, 50] }, { code: '620400', values: [31, null] }] })
  })

  it('place the rank interval on the 1…n track', () => {
    expect(intervalBox({ q05: 1, q95: 3, median: 2, rank: 2 }, 5)).toEqual({ left: 0, width: 50, median: 25, rank: 25 })
    expect(intervalBox({ q05: null, q95: null, median: null, rank: 2 }, 5)).toBeNull()
  })

  it('read the Sobol indices of a sensitivity job', () => {
    const s = sobolOf({ units: [], sensitivity: { inputs: ['weights'], runs: 192, rank_shift: { first: { weights: 0.9 }, total: { weights: 1.1 } }, units: { '620100': { first: { weights: null }, total: { weights: 0.5 } } } } })
    expect(s).toEqual({ inputs: ['weights'], runs: 192, rankShift: [{ input: 'weights', first: 0.9, total: 1.1 }], units: [{ code: '620100', rows: [{ input: 'weights', first: null, total: 0.5 }] }] })
    expect(sobolOf({ units: [] })).toBeNull()
    expect(sobolOf(null)).toBeNull()
  })

  it('open on the framework and year of the latest closed round', () => {
    const round = (framework_id: number, year: number, status: RoundView['status']) => ({ framework_id, year, status }) as RoundView
    const rounds = [round(1, 2026, 'open'), round(1, 2025, 'closed'), round(1, 2024, 'closed'), round(3, 2023, 'closed')]
    const f = (id: number, status: 'draft' | 'published' | 'closed') => ({ id, code: `F${id}`, revision: 1, name: '', status, indicators: 1, updated_at: '' })
    expect(defaultFramework([f(3, 'published'), f(1, 'published'), f(2, 'draft')], rounds)?.id).toBe(1)
    expect(defaultFramework([f(2, 'draft')], rounds)).toBeNull()
    expect(defaultYear(rounds, 1, 2026)).toBe(2025)
    expect(defaultYear(rounds, 9, 2026)).toBe(2025)
  })
})
