/**
 * What the analysis page draws from GET /quality/analysis (the engine's answer with names and
 * last year's changes), GET /quality/analysis/trend and a sensitivity job's result.
 */
import type { MapValue } from '@/components/dashboard/geo'
import type { Analysis, FrameworkSummary, FrameworkView, RegionName, RoundView, TrendYear } from '../api'

export interface RankingRow {
  region: RegionName
  /** The index: `scores[root]`. */
  score: number
  rank: number
  q05: number | null
  median: number | null
  q95: number | null
  scoreChange: number | null
  rankChange: number | null
}

/** One row per city, best first. */
export function rankingRows(a: Analysis): RankingRow[] {
  const regions = new Map(a.regions.map((r) => [r.code, r]))
  const changes = new Map(a.changes.map((c) => [c.region_code, c]))
  return a.engine.units
    .map((u) => ({
      region: regions.get(u.unit) ?? { code: u.unit, name: u.unit, name_en: u.unit },
      score: u.scores[a.root] ?? Number.NaN,
      rank: u.rank,
      q05: u.rank_q05 ?? null,
      median: u.rank_median ?? null,
      q95: u.rank_q95 ?? null,
      scoreChange: changes.get(u.unit)?.score_change ?? null,
      rankChange: changes.get(u.unit)?.rank_change ?? null,
    }))
    .sort((x, y) => x.rank - y.rank || x.region.code.localeCompare(y.region.code))
}

/** The mean of the cities' index and its change on last year's mean (when last year was computed). */
export function provinceIndex(a: Analysis): { score: number | null; change: number | null } {
  const score = a.province[a.root] ?? null
  const prev = a.previous?.units.map((u) => u.scores[a.root]).filter((v): v is number => Number.isFinite(v)) ?? []
  const change = score !== null && prev.length ? score - prev.reduce((s, v) => s + v, 0) / prev.length : null
  return { score, change }
}

export interface MetricOption {
  code: string
  kind: 'index' | 'node' | 'indicator'
  name: string
  unit: string
  /** 0 for the index, 1 for a dimension, 2 for a sub-dimension … */
  depth: number
}

/** What the map can be coloured by: the index, every dimension, every indicator (tree order). */
export function metricOptions(f: FrameworkView): MetricOption[] {
  const parents = new Map(f.nodes.map((n) => [n.code, n.parent_code ?? null]))
  const depth = (code: string) => {
    let d = 0
    for (let p = parents.get(code); p; p = parents.get(p)) d++
    return d
  }
  const nodes = f.nodes.filter((n) => n.indicator_id == null)
  const leaves = f.nodes.filter((n) => n.indicator_id != null)
  return [
    ...nodes.map((n) => ({ code: n.code, kind: (n.parent_code ? 'node' : 'index') as MetricOption['kind'], name: n.name, unit: '', depth: depth(n.code) })),
    ...leaves.map((n) => ({ code: n.code, kind: 'indicator' as const, name: n.name, unit: n.unit ?? '', depth: depth(n.code) })),
  ]
}

/** One map value per city: a node's score, or an indicator's published value. */
export function mapValues(a: Analysis, metric: string, indicator: boolean): MapValue[] {
  const regions = new Map(a.regions.map((r) => [r.code, r]))
  return a.engine.units.flatMap((u) => {
    const v = indicator ? a.values[u.unit]?.[metric] : u.scores[metric]
    const r = regions.get(u.unit)
    return v === undefined || !Number.isFinite(v) ? [] : [{ code: u.unit, name: r?.name ?? u.unit, name_en: r?.name_en, value: v }]
  })
}

/** The legend's range: the values' own, widened to whole numbers. */
export function valueRange(values: readonly MapValue[]): { min: number; max: number } | null {
  if (!values.length) return null
  const nums = values.map((v) => v.value)
  const min = Math.floor(Math.min(...nums))
  const max = Math.ceil(Math.max(...nums))
  return { min, max: max > min ? max : min + 1 }
}

export interface RadarAxis {
  code: string
  name: string
  min: number
  max: number
}

/** The radar's axes: every dimension and sub-dimension (tree order), each scaled to the cities' range. */
export function radarAxes(a: Analysis): RadarAxis[] {
  return a.framework.nodes
    .filter((n) => n.indicator_id == null && n.code !== a.root)
    .map((n) => {
      const all = [...a.engine.units.map((u) => u.scores[n.code]), a.province[n.code]].filter((v): v is number => Number.isFinite(v))
      const lo = all.length ? Math.min(...all) : 0
      const hi = all.length ? Math.max(...all) : 1
      const pad = (hi - lo) * 0.1 || 1
      return { code: n.code, name: n.name, min: Math.floor(lo - pad), max: Math.ceil(hi + pad) }
    })
}

/** A city's scores on the axes, and the province's (the mean of the cities). */
export function radarValues(a: Analysis, unit: string, axes: readonly RadarAxis[]): { city: number[]; province: number[] } {
  const u = a.engine.units.find((x) => x.unit === unit)
  return { city: axes.map((x) => u?.scores[x.code] ?? Number.NaN), province: axes.map((x) => a.province[x.code] ?? Number.NaN) }
}

export interface Contribution {
  code: string
  name: string
  /** Points of the city's index this indicator brings. */
  value: number
  /** The mean of the cities' contributions of this indicator. */
  mean: number
}

/** A city's contribution per indicator, largest first; empty when the aggregation gives none (Copeland). */
export function contributions(a: Analysis, unit: string, nameOf: (code: string, fallback: string) => string = (_c, f) => f): Contribution[] {
  const u = a.engine.units.find((x) => x.unit === unit)
  if (!u?.contributions) return []
  const names = new Map(a.framework.nodes.map((n) => [n.code, n.name]))
  return Object.entries(u.contributions)
    .map(([code, value]) => {
      const all = a.engine.units.map((x) => x.contributions?.[code]).filter((v): v is number => Number.isFinite(v))
      return { code, name: nameOf(code, names.get(code) ?? code), value, mean: all.reduce((s, v) => s + v, 0) / (all.length || 1) }
    })
    .sort((x, y) => y.value - x.value)
}

/** The indicators where the city is furthest above and below the cities' mean contribution. */
export function strengths(list: readonly Contribution[]): { strongest: Contribution; weakest: Contribution } | null {
  if (list.length < 2) return null
  const byGap = [...list].sort((x, y) => y.value - y.mean - (x.value - x.mean))
  return { strongest: byGap[0], weakest: byGap[byGap.length - 1] }
}

/** The trend chart's series: the province's mean and each chosen city's index per year. */
export function trendSeries(trend: readonly TrendYear[], codes: readonly string[]): { years: number[]; province: number[]; cities: { code: string; values: (number | null)[] }[] } {
  const years = [...trend].sort((x, y) => x.year - y.year)
  return {
    years: years.map((y) => y.year),
    province: years.map((y) => y.province),
    cities: codes.map((code) => ({ code, values: years.map((y) => y.scores[code] ?? null) })),
  }
}

/** Where the rank interval sits on a 1…n track, in percent: its span, the median and the rank. */
export function intervalBox(row: Pick<RankingRow, 'q05' | 'q95' | 'median' | 'rank'>, n: number): { left: number; width: number; median: number; rank: number } | null {
  if (row.q05 === null || row.q95 === null) return null
  const at = (r: number) => (n > 1 ? ((Math.min(Math.max(r, 1), n) - 1) / (n - 1)) * 100 : 50)
  return { left: at(row.q05), width: at(row.q95) - at(row.q05), median: at(row.median ?? row.rank), rank: at(row.rank) }
}

export interface SobolRow {
  input: string
  first: number | null
  total: number | null
}

export interface Sobol {
  inputs: string[]
  runs: number
  /** Indices of the mean absolute rank shift. */
  rankShift: SobolRow[]
  /** Indices of each city's rank. */
  units: { code: string; rows: SobolRow[] }[]
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const obj = (v: unknown) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {})

function sobolRows(inputs: string[], ix: unknown): SobolRow[] {
  const first = obj(obj(ix).first)
  const total = obj(obj(ix).total)
  return inputs.map((input) => ({ input, first: num(first[input]), total: num(total[input]) }))
}

/** The Sobol indices of a sensitivity job's result (the engine's answer with `sensitivity`). */
export function sobolOf(result: unknown): Sobol | null {
  const s = obj(obj(result).sensitivity)
  if (!Array.isArray(s.inputs)) return null
  const inputs = s.inputs.filter((x): x is string => typeof x === 'string')
  return {
    inputs,
    runs: num(s.runs) ?? 0,
    rankShift: sobolRows(inputs, s.rank_shift),
    units: Object.entries(obj(s.units)).map(([code, ix]) => ({ code, rows: sobolRows(inputs, ix) })),
  }
}

/** The published framework to open with: that of the latest closed round, else the first published. */
export function defaultFramework(frameworks: readonly FrameworkSummary[], rounds: readonly RoundView[]): FrameworkSummary | null {
  const published = frameworks.filter((f) => f.status === 'published')
  const closed = [...rounds].filter((r) => r.status === 'closed').sort((x, y) => y.year - x.year)
  for (const r of closed) {
    const f = published.find((x) => x.id === r.framework_id)
    if (f) return f
  }
  return published[0] ?? null
}

/** The year to open with: the latest closed round's of the framework, else last year. */
export function defaultYear(rounds: readonly RoundView[], frameworkId: number, thisYear: number): number {
  const years = rounds.filter((r) => r.framework_id === frameworkId && r.status === 'closed').map((r) => r.year)
  return years.length ? Math.max(...years) : thisYear - 1
}
