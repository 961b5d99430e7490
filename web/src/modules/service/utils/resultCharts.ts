/**
 * The results page's bar charts (ECharts options built from plain figures, tested without a
 * browser; @/components/common/EChart.vue draws them): the cities' ranking with the 95 % intervals
 * as error bars, and the services grouped by field.
 */
import { formatIndex, formatSigned, indexRange } from './indices'

const axisText = { color: '#606266', fontSize: 12 }
const splitLine = { lineStyle: { color: '#ebeef5' } }

export const FIELD_COLOURS: Record<string, string> = { public: '#409eff', life: '#14b8a6' }
const OTHER_COLOUR = '#909399'

export interface BarRow {
  code: string
  label: string
  index: number
  n: number
  ci_lo?: number | null
  ci_hi?: number | null
  change?: number | null
}

const hasCi = (r: BarRow): r is BarRow & { ci_lo: number; ci_hi: number } => typeof r.ci_lo === 'number' && typeof r.ci_hi === 'number'

/**
 * The error bars of a horizontal bar chart: one mark line per row with an interval, from its lower
 * to its upper end at the row's category (the console's ECharts has no custom series).
 */
export function errorBars(rows: readonly BarRow[]): { coord: [number, string] }[][] {
  return rows.filter(hasCi).map((r) => [{ coord: [r.ci_lo, r.label] }, { coord: [r.ci_hi, r.label] }])
}

/**
 * The cities ranked (first on top) as horizontal bars of their index, the province's index as a
 * dashed line, the 95 % intervals as error bars; the tooltip gives n, the interval and the change.
 */
export function rankingOption(rows: readonly BarRow[], labels: { index: string; province: string; n: string; ci: string; change: string }, province?: number | null): Record<string, unknown> {
  const range = indexRange(rows)
  const byLabel = new Map(rows.map((r) => [r.label, r]))
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { name: string }[]) => {
        const r = byLabel.get(ps[0]?.name ?? '')
        if (!r) return ''
        const lines = [`<b>${r.label}</b>`, `${labels.index}: ${formatIndex(r.index)}`, `${labels.n}: ${r.n}`]
        if (hasCi(r)) lines.push(`${labels.ci}: ${formatIndex(r.ci_lo)} – ${formatIndex(r.ci_hi)}`)
        if (r.change !== undefined && r.change !== null) lines.push(`${labels.change}: ${formatSigned(r.change)}`)
        return lines.join('<br/>')
      },
    },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: range.min, max: range.max, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true, axisLabel: axisText, axisTick: { show: false } },
    series: [
      {
        name: labels.index,
        type: 'bar',
        barMaxWidth: 16,
        data: rows.map((r) => ({ value: r.index, itemStyle: { color: province !== undefined && province !== null && r.index < province ? '#e6a23c' : '#409eff', borderRadius: [0, 3, 3, 0] } })),
        // The values are in the table beside the chart; labels would sit under the error bars.
        markLine: {
          silent: true,
          symbol: ['none', 'none'],
          animation: false,
          lineStyle: { color: '#303133', width: 1.5, type: 'solid' },
          label: { show: false },
          data: [
            ...errorBars(rows),
            ...(province !== undefined && province !== null
              ? // The category axis runs downwards: the line's start is at the top.
                [{ xAxis: province, lineStyle: { type: 'dashed', color: '#909399', width: 1 }, label: { show: true, position: 'start', formatter: `${labels.province} ${formatIndex(province)}`, color: '#909399', fontSize: 11 } }]
              : []),
          ],
        },
      },
    ],
  }
}

/**
 * The services as horizontal bars of their index, public services first then life services, one
 * colour per field (a series per field, stacked so that each service keeps one bar); the fields'
 * own indices as dashed lines.
 */
export function servicesOption(
  rows: readonly (BarRow & { field: string })[],
  fields: readonly { code: string; label: string; index?: number | null }[],
  labels: { index: string; n: string; ci: string },
): Record<string, unknown> {
  const order = fields.map((f) => f.code)
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length)
  const sorted = [...rows].sort((a, b) => rank(a.field) - rank(b.field) || b.index - a.index || a.code.localeCompare(b.code))
  const range = indexRange(sorted)
  const byLabel = new Map(sorted.map((r) => [r.label, r]))
  const fieldsShown = [...fields.filter((f) => sorted.some((r) => r.field === f.code)), ...(sorted.some((r) => !order.includes(r.field)) ? [{ code: '', label: '', index: null }] : [])]
  return {
    legend: { top: 0, data: fieldsShown.filter((f) => f.label).map((f) => f.label), textStyle: axisText },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: { name: string }[]) => {
        const r = byLabel.get(ps[0]?.name ?? '')
        if (!r) return ''
        const lines = [`<b>${r.label}</b>`, `${labels.index}: ${formatIndex(r.index)}`, `${labels.n}: ${r.n}`]
        if (hasCi(r)) lines.push(`${labels.ci}: ${formatIndex(r.ci_lo)} – ${formatIndex(r.ci_hi)}`)
        return lines.join('<br/>')
      },
    },
    // Room under the legend for the fields' lines' labels (at the top: the category axis runs downwards).
    grid: { left: 8, right: 48, top: 52, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: range.min, max: range.max, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: sorted.map((r) => r.label), inverse: true, axisLabel: axisText, axisTick: { show: false } },
    series: fieldsShown.map((f) => {
      const colour = FIELD_COLOURS[f.code] ?? OTHER_COLOUR
      const mine = (r: BarRow & { field: string }) => (f.code ? r.field === f.code : !order.includes(r.field))
      return {
        name: f.label,
        type: 'bar',
        stack: 'field',
        barMaxWidth: 14,
        itemStyle: { color: colour, borderRadius: [0, 3, 3, 0] },
        data: sorted.map((r) => (mine(r) ? r.index : null)),
        label: { show: true, position: 'right', fontSize: 11, color: '#606266', formatter: (p: { value: number | null }) => (p.value === null ? '' : formatIndex(p.value)) },
        markLine:
          typeof f.index === 'number'
            ? { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: colour }, label: { formatter: `${f.label} ${formatIndex(f.index)}`, color: colour, fontSize: 11, position: 'start' }, data: [{ xAxis: f.index }] }
            : undefined,
      }
    }),
  }
}
