/**
 * The importance–performance matrix (IPA): each construct's importance (its total effect on the
 * satisfaction target in the PLS model) against its performance (its 0–100 index). The lines at
 * the means split it into four quadrants; high importance with low performance is where to
 * improve first.
 */

export interface IpaPoint {
  construct: string
  name: string
  importance: number
  performance: number
}

/**
 * - `improve`: important, performing below the mean — improve first (集中改进区);
 * - `keep`: important and performing well — keep it up (继续保持区);
 * - `low`: less important, performing below the mean — low priority (次要改进区);
 * - `surplus`: less important, performing well — possibly over-provided (锦上添花区).
 */
export const QUADRANTS = ['improve', 'keep', 'low', 'surplus'] as const
export type Quadrant = (typeof QUADRANTS)[number]

export const QUADRANT_COLOURS: Record<Quadrant, string> = { improve: '#f56c6c', keep: '#67c23a', low: '#e6a23c', surplus: '#909399' }

/** The means of importance and performance over the points (the quadrant lines); null without points. */
export function ipaMeans(points: readonly IpaPoint[]): { importance: number; performance: number } | null {
  if (points.length === 0) return null
  const sum = points.reduce((s, p) => ({ importance: s.importance + p.importance, performance: s.performance + p.performance }), { importance: 0, performance: 0 })
  return { importance: sum.importance / points.length, performance: sum.performance / points.length }
}

/** A point's quadrant; a value on a line counts as high (at least the mean). */
export function quadrantOf(p: Pick<IpaPoint, 'importance' | 'performance'>, means: { importance: number; performance: number }): Quadrant {
  const important = p.importance >= means.importance
  const performing = p.performance >= means.performance
  if (important) return performing ? 'keep' : 'improve'
  return performing ? 'surplus' : 'low'
}

/** The points with their quadrants; those to improve first come first, by importance. */
export function classify<P extends IpaPoint>(points: readonly P[]): (P & { quadrant: Quadrant })[] {
  const means = ipaMeans(points)
  if (!means) return []
  const order = (q: Quadrant) => QUADRANTS.indexOf(q)
  return points
    .map((p) => ({ ...p, quadrant: quadrantOf(p, means) }))
    .sort((a, b) => order(a.quadrant) - order(b.quadrant) || b.importance - a.importance || a.construct.localeCompare(b.construct))
}

const axisText = { color: '#606266', fontSize: 12 }
const splitLine = { lineStyle: { color: '#ebeef5' } }

/** Bounds around the points on a grid of `step`, with room (`share` of the spread, at least one step) for the labels. */
function bounds(values: readonly number[], step: number, share: number, floor?: number): { min: number; max: number } {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = Math.max((hi - lo) * share, step)
  const min = Math.floor((lo - pad) / step) * step
  const max = Math.ceil((hi + pad) / step) * step
  const clean = (v: number) => Number(v.toFixed(6))
  return { min: clean(floor === undefined ? min : Math.max(floor, min)), max: clean(max) }
}

/** An axis value without trailing zeros: 0.25, 67.5, 68. */
const tick = (digits: number) => (v: number) => String(Number(v.toFixed(digits)))

/**
 * The matrix as an ECharts scatter: x the importance, y the performance, the points coloured by
 * quadrant and labelled by the constructs' names, the quadrant lines at the means (mark lines).
 */
export function ipaOption(points: readonly IpaPoint[], labels: { importance: string; performance: string; mean: string; quadrant: (q: Quadrant) => string }): Record<string, unknown> {
  const classified = classify(points)
  const means = ipaMeans(points)
  const x = classified.length ? bounds(classified.map((p) => p.importance), 0.05, 0.15) : { min: 0, max: 1 }
  const y = classified.length ? bounds(classified.map((p) => p.performance), 1, 0.15, 0) : { min: 0, max: 100 }
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { name: string; value: [number, number]; quadrant: Quadrant } }) =>
        `${p.data.name}<br/>${labels.importance}: ${p.data.value[0].toFixed(3)}<br/>${labels.performance}: ${p.data.value[1].toFixed(1)}<br/>${labels.quadrant(p.data.quadrant)}`,
    },
    // Room for the axes' names, which `containLabel` leaves out.
    grid: { left: 30, right: 24, top: 24, bottom: 32, containLabel: true },
    xAxis: { type: 'value', name: labels.importance, nameLocation: 'middle', nameGap: 28, min: x.min, max: x.max, axisLabel: { ...axisText, formatter: tick(2) }, splitLine, nameTextStyle: axisText },
    yAxis: { type: 'value', name: labels.performance, nameLocation: 'middle', nameGap: 40, min: y.min, max: y.max, axisLabel: { ...axisText, formatter: tick(1) }, splitLine, nameTextStyle: axisText },
    series: [
      {
        type: 'scatter',
        symbolSize: 14,
        data: classified.map((p) => ({ name: p.name, value: [p.importance, p.performance], quadrant: p.quadrant, itemStyle: { color: QUADRANT_COLOURS[p.quadrant] } })),
        label: { show: true, position: 'right', formatter: '{b}', color: '#303133', fontSize: 12 },
        labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        markLine: means
          ? {
              silent: true,
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#a8abb2' },
              label: { color: '#909399', fontSize: 11 },
              data: [
                { xAxis: means.importance, label: { formatter: `${labels.mean} ${means.importance.toFixed(3)}`, position: 'insideEndTop' } },
                { yAxis: means.performance, label: { formatter: `${labels.mean} ${means.performance.toFixed(1)}`, position: 'insideEndTop' } },
              ],
            }
          : undefined,
      },
    ],
  }
}
