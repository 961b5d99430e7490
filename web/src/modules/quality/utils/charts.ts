/**
 * The module's ECharts options, built from plain figures (utils/analysis.ts) so that they can be
 * tested without a browser; @/components/common/EChart.vue draws them.
 */
import type { Contribution, RadarAxis, SobolRow } from './analysis'
import { formatScore } from './format'

/** The console's blue, the province's grey, and the colours of the cities compared. */
export const COLORS = { city: '#409eff', province: '#909399', above: '#67c23a', below: '#e6a23c', first: '#409eff', total: '#73c0de' }
export const PALETTE = ['#409eff', '#67c23a', '#f56c6c', '#9b59b6', '#14b8a6', '#e6a23c', '#34495e', '#ff7eb3']

const axisText = { color: '#606266', fontSize: 12 }
const splitLine = { lineStyle: { color: '#ebeef5' } }

/** A city's dimension scores against the province's on a radar. */
export function radarOption(axes: readonly RadarAxis[], city: { name: string; values: number[] }, province: { name: string; values: number[] }) {
  return {
    color: [COLORS.city, COLORS.province],
    tooltip: { trigger: 'item', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : String(v)) },
    legend: { bottom: 0, data: [city.name, province.name], textStyle: axisText },
    radar: {
      indicator: axes.map((a) => ({ name: a.name, min: a.min, max: a.max })),
      radius: '62%',
      center: ['50%', '48%'],
      axisName: { color: '#606266', fontSize: 12 },
      splitArea: { areaStyle: { color: ['#fafbfc', '#f5f7fa'] } },
      splitLine,
      axisLine: splitLine,
    },
    series: [
      {
        type: 'radar',
        symbolSize: 5,
        data: [
          { name: city.name, value: city.values, areaStyle: { opacity: 0.25 }, lineStyle: { width: 2 } },
          { name: province.name, value: province.values, lineStyle: { type: 'dashed', width: 1.5 }, areaStyle: { opacity: 0.05 } },
        ],
      },
    ],
  }
}

/** A city's contribution per indicator as bars (green above the cities' mean, orange below), the mean as a mark. */
export function contributionOption(items: readonly Contribution[], labels: { city: string; mean: string }) {
  const names = items.map((i) => i.name)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : String(v)) },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { ...axisText, width: 150, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        name: labels.city,
        type: 'bar',
        barMaxWidth: 16,
        data: items.map((i) => ({ value: i.value, itemStyle: { color: i.value >= i.mean ? COLORS.above : COLORS.below, borderRadius: [0, 3, 3, 0] } })),
        label: { show: true, position: 'right', fontSize: 11, color: '#606266', formatter: (p: { value: number }) => formatScore(p.value) },
      },
      { name: labels.mean, type: 'scatter', symbol: 'rect', symbolSize: [3, 18], itemStyle: { color: '#303133' }, data: items.map((i) => i.mean), z: 3 },
    ],
  }
}

/** The index over the years: the province's mean (dashed) and each chosen city. */
export function trendOption(years: readonly number[], province: { name: string; values: number[] }, cities: readonly { name: string; values: (number | null)[] }[]) {
  return {
    color: [COLORS.province, ...PALETTE],
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatScore(v) : '—') },
    legend: { top: 0, type: 'scroll', textStyle: axisText },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: years.map(String), boundaryGap: false, axisLabel: axisText },
    yAxis: { type: 'value', scale: true, axisLabel: axisText, splitLine },
    series: [
      { name: province.name, type: 'line', data: province.values, lineStyle: { type: 'dashed', width: 2 }, symbol: 'none', z: 1 },
      ...cities.map((c) => ({ name: c.name, type: 'line', data: c.values, connectNulls: true, symbolSize: 6, lineStyle: { width: 2.5 }, z: 2 })),
    ],
  }
}

/** Sobol first-order and total indices per input, side by side. */
export function sobolOption(rows: readonly SobolRow[], labels: { first: string; total: string; input: (name: string) => string }) {
  const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(3) : '—')
  return {
    color: [COLORS.first, COLORS.total],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: fmt },
    legend: { bottom: 0, textStyle: axisText },
    grid: { left: 8, right: 24, top: 16, bottom: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => labels.input(r.input)), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: axisText, splitLine },
    series: [
      { name: labels.first, type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.first), label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => fmt(p.value) } },
      { name: labels.total, type: 'bar', barMaxWidth: 36, data: rows.map((r) => r.total), label: { show: true, position: 'top', fontSize: 11, formatter: (p: { value: unknown }) => fmt(p.value) } },
    ],
  }
}

/** One indicator's values over the years (an improvement action's page). */
export function seriesOption(name: string, unit: string, points: readonly [number, number][], color = COLORS.city) {
  return {
    color: [color],
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${Number(v.toFixed(4))} ${unit}` : '—') },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map(([y]) => String(y)), boundaryGap: false, axisLabel: axisText },
    yAxis: { type: 'value', scale: true, name: unit, nameTextStyle: axisText, axisLabel: axisText, splitLine },
    series: [{ name, type: 'line', data: points.map(([, v]) => v), symbolSize: 7, lineStyle: { width: 2.5 }, areaStyle: { opacity: 0.08 }, label: { show: points.length <= 8, position: 'top', fontSize: 11, formatter: (p: { value: number }) => String(Number(p.value.toFixed(2))) } }],
  }
}
