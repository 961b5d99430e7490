/**
 * The analysis chart's option (ECharts): per application, in rank order, a box of the reviewers'
 * totals and a dot for each reviewer's total, an outlier reviewer's dots in red.
 */
import { fiveNumbers, type ReviewerTotal } from './rounds'

export interface TotalsChartInput {
  /** Applications in the order shown: the engine's code and the label under it. */
  applications: { code: string; label: string }[]
  totals: ReviewerTotal[]
  /** Reviewer code → name. */
  reviewerNames: Record<string, string>
  outliers: string[]
  totalMax: number
  texts: { box: string; reviewer: string; outlier: string; axis: string }
}

const OUTLIER = '#f56c6c'
const DOT = '#409eff'

export function totalsChartOption(c: TotalsChartInput): Record<string, unknown> {
  const index = new Map(c.applications.map((a, i) => [a.code, i]))
  const byApp = c.applications.map((a) => c.totals.filter((t) => t.application === a.code).map((t) => t.total))
  const outliers = new Set(c.outliers)
  const dots = (outlier: boolean) =>
    c.totals
      .filter((t) => index.has(t.application) && outliers.has(t.reviewer) === outlier)
      .map((t) => ({ value: [index.get(t.application), t.total], reviewer: c.reviewerNames[t.reviewer] ?? t.reviewer }))
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: c.applications.length > 8 ? 84 : 56 },
    legend: { top: 0, data: [c.texts.box, c.texts.reviewer, c.texts.outlier] },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: c.applications.map((a) => a.label), axisLabel: { interval: 0, rotate: c.applications.length > 8 ? 35 : 0, fontSize: 11 } },
    yAxis: { type: 'value', name: c.texts.axis, min: 0, max: c.totalMax > 0 ? c.totalMax : undefined, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      {
        name: c.texts.box,
        type: 'boxplot',
        data: byApp.map((v) => (v.length ? fiveNumbers(v) : [])),
        itemStyle: { color: '#ecf5ff', borderColor: '#79bbff' },
        tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}<br/>${p.value.slice(1).join(' / ')}` },
      },
      {
        name: c.texts.reviewer,
        type: 'scatter',
        symbolSize: 7,
        itemStyle: { color: DOT, opacity: 0.75 },
        data: dots(false),
        tooltip: { formatter: (p: { data: { reviewer: string; value: number[] } }) => `${p.data.reviewer}: ${p.data.value[1]}` },
      },
      {
        name: c.texts.outlier,
        type: 'scatter',
        symbolSize: 9,
        itemStyle: { color: OUTLIER },
        data: dots(true),
        tooltip: { formatter: (p: { data: { reviewer: string; value: number[] } }) => `${p.data.reviewer}: ${p.data.value[1]}` },
      },
    ],
  }
}
