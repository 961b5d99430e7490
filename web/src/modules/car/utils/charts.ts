/** The analysis page's charts (ECharts options), drawn by the shared EChart component. */
import type { MapValue } from '@/components/dashboard/geo'
import { isRemedy } from './remedy'

interface MonthRow {
  month: string
  disputes: number
  visits: number
  refund_or_replace: number
}

/** Disputes and repair visits by month as bars, the refunds and replacements the engine found as a line. */
export function trendOption(rows: readonly MonthRow[], names: { disputes: string; visits: string; refund: string }): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.disputes, names.visits, names.refund] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.disputes, type: 'bar', data: rows.map((r) => r.disputes), itemStyle: { color: '#409eff' } },
      { name: names.visits, type: 'bar', data: rows.map((r) => r.visits), itemStyle: { color: '#b1b3b8' } },
      { name: names.refund, type: 'line', data: rows.map((r) => r.refund_or_replace), itemStyle: { color: '#f56c6c' }, symbolSize: 7 },
    ],
  }
}

/** The remedies' colours as the tags show them. */
const REMEDY_COLOURS: Record<string, string> = { refund_or_replace: '#f56c6c', free_assembly_replacement: '#e6a23c', repair: '#409eff', none: '#c0c4cc' }

/** A pie of counts by key, labelled by `label`; remedies in their tags' colours. */
export function pieOption(rows: readonly { key: string; count: number }[], label: (key: string) => string, name: string): Record<string, unknown> {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        name,
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        // The legend names the slices; each shows its count.
        label: { position: 'inside', formatter: '{c}', color: '#fff' },
        data: rows.map((r) => ({ name: label(r.key), value: r.count, ...(isRemedy(r.key) ? { itemStyle: { color: REMEDY_COLOURS[r.key] } } : {}) })),
      },
    ],
  }
}

/** The map's values: disputes by city. */
export function cityValues(rows: readonly { city_code: string; name: string; name_en: string; disputes: number }[]): MapValue[] {
  return rows.map((r) => ({ code: r.city_code, name: r.name, name_en: r.name_en, value: r.disputes }))
}

/** A statistic of the signal table: 2 decimals, `—` when it cannot be computed (no comparison reports). */
export const stat = (v: number | null | undefined): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2))
