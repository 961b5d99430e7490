/** A recall's progress in charts: the cumulative correction rate over the reports, units by channel. */
import type { ProgressView } from '../api'

const BLUE = '#409eff'
const GREEN = '#67c23a'

/** `12.5%` of a rate in [0, 1]. */
export function percent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${(rate * 100).toFixed(digits)}%`
}

/** Units notified and corrected per channel over all reports, in the order channels first appear. */
export function byChannel(progress: readonly Pick<ProgressView, 'channels'>[]): { channel: string; notified: number; corrected: number }[] {
  const sums = new Map<string, { notified: number; corrected: number }>()
  for (const p of progress)
    for (const c of p.channels) {
      const s = sums.get(c.channel) ?? { notified: 0, corrected: 0 }
      s.notified += c.notified
      s.corrected += c.corrected
      sums.set(c.channel, s)
    }
  return [...sums].map(([channel, s]) => ({ channel, ...s }))
}

/**
 * The most units a channel may report corrected in a new period: those notified so far (before and
 * in the period) less those corrected before — a period may correct units notified earlier.
 */
export function correctableUpTo(before: readonly { channel: string; notified: number; corrected: number }[], row: { channel: string; notified: number }): number {
  const prior = before.find((b) => b.channel === row.channel)
  return Math.max(0, (prior?.notified ?? 0) + Math.max(0, row.notified) - (prior?.corrected ?? 0))
}

/** The line of the cumulative correction rate (%) at the end of each reported period. */
export function rateOption(progress: readonly Pick<ProgressView, 'period_end' | 'cumulative_rate' | 'cumulative_corrected'>[], name: string): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: progress.map((p) => p.period_end), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max)), axisLabel: { formatter: '{value}%' } },
    series: [{ name, type: 'line', data: progress.map((p) => Number((p.cumulative_rate * 100).toFixed(1))), symbolSize: 8, areaStyle: { opacity: 0.12 }, itemStyle: { color: GREEN }, lineStyle: { color: GREEN } }],
  }
}

/** Bars of units notified and corrected by channel. */
export function channelOption(rows: readonly { channel: string; notified: number; corrected: number }[], channelLabel: (c: string) => string, names: { notified: string; corrected: string }): Record<string, unknown> {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => channelLabel(r.channel)) },
    yAxis: { type: 'value' },
    series: [
      { name: names.notified, type: 'bar', data: rows.map((r) => r.notified), itemStyle: { color: BLUE } },
      { name: names.corrected, type: 'bar', data: rows.map((r) => r.corrected), itemStyle: { color: GREEN } },
    ],
  }
}
