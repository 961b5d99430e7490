/** The estimates page's pure parts: labels, the charts, the map's values and the CSV of the table. */
import type { MapValue } from '@/components/dashboard/geo'
import type { EstimateRow } from '../api'

/** A level's label in a dimension. */
export type LevelLabel = (dimension: string, level: string) => string

/** A row's label over the dimensions, `·`-separated. */
export function rowLabel(row: Pick<EstimateRow, 'by'>, dims: readonly string[], label: LevelLabel): string {
  return dims.map((d) => label(d, row.by[d] ?? '')).join(' · ')
}

/** `12 345`, `0.123` → `12.3%`. */
export const formatCount = (v: number): string => Math.round(v).toLocaleString('en-US')
export const formatPercent = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`)

const GREY = '#c0c4cc'
const BLUE = '#409eff'

/** The bars of the rows' estimates (the largest first, at most `max`), the unpublished grey, with their 95 % intervals in the tooltip. */
export function barOption(rows: readonly EstimateRow[], dims: readonly string[], label: LevelLabel, max = 30): Record<string, unknown> {
  const top = [...rows].sort((a, b) => b.estimate - a.estimate).slice(0, max).reverse()
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { dataIndex: number }[]) => {
        const r = top[ps[0].dataIndex]
        return `${rowLabel(r, dims, label)}<br/>${formatCount(r.estimate)} (${formatCount(r.ci_lo)} – ${formatCount(r.ci_hi)})`
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: top.map((r) => rowLabel(r, dims, label)), axisLabel: { interval: 0 } },
    series: [{ type: 'bar', data: top.map((r) => ({ value: Math.round(r.estimate), itemStyle: { color: r.published ? BLUE : GREY } })) }],
  }
}

/** The trend of estimates by year with the 95 % interval as a band; unpublished years as hollow grey points. */
export function trendOption(rows: readonly EstimateRow[], name: string): Record<string, unknown> {
  const sorted = [...rows].filter((r) => r.by.year).sort((a, b) => (a.by.year ?? '').localeCompare(b.by.year ?? ''))
  const years = sorted.map((r) => r.by.year ?? '')
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: ['95% CI', name] },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value' },
    series: [
      { name: 'lo', type: 'line', data: sorted.map((r) => Math.round(r.ci_lo)), stack: 'ci', lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
      { name: '95% CI', type: 'line', data: sorted.map((r) => Math.round(r.ci_hi - r.ci_lo)), stack: 'ci', lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(64,158,255,0.15)' }, symbol: 'none' },
      {
        name,
        type: 'line',
        data: sorted.map((r) => ({ value: Math.round(r.estimate), itemStyle: r.published ? { color: BLUE } : { color: GREY, borderColor: GREY } })),
        symbolSize: 8,
        lineStyle: { color: BLUE },
      },
    ],
  }
}

/** The map's values of rows by city. */
export function mapValues(rows: readonly EstimateRow[], city: (code: string) => { name: string; name_en?: string }): MapValue[] {
  return rows.filter((r) => r.by.city).map((r) => {
    const code = r.by.city ?? ''
    return { code, ...city(code), value: Math.round(r.estimate) }
  })
}

/** RFC 4180 CSV with a BOM (Excel reads it as UTF-8). */
export function toCsv(header: readonly string[], lines: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => {
    const s = String(v)
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return `\uFEFF${[header, ...lines].map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`
}
