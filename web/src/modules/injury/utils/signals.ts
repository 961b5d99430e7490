/** The signals page's pure parts: the drill-down to the reports list and the bubble chart. */
import type { SignalCell, SignalDimension } from '../api'

/** A model row's brand and model: the label is `brand model`, split on the first space. */
export function splitModelRow(row: string): { brand: string; model: string } {
  const i = row.indexOf(' ')
  return i < 0 ? { brand: row, model: '' } : { brand: row.slice(0, i), model: row.slice(i + 1) }
}

/** The reports list's query string of a cell of a window: its category (or brand and model), hazard and dates. */
export function drillQuery(window: { dimension: SignalDimension | string; from: string; to: string; category?: string | null }, cell: Pick<SignalCell, 'row' | 'col'>): Record<string, string> {
  const q: Record<string, string> = { hazard: cell.col, from: window.from, to: window.to }
  if (window.dimension === 'model') {
    const { brand, model } = splitModelRow(cell.row)
    q.brand = brand
    if (model) q.model = model
    if (window.category) q.category = window.category
  } else {
    q.category = cell.row
  }
  return q
}

/**
 * The query string of a follow-up of a register entry (the recall module's risk assessment and
 * investigation forms): the entry, its hazard, and its product category or brand and model.
 */
export function followUpQuery(entry: { id: number; dimension: SignalDimension | string; row_label: string; hazard: string }): Record<string, string> {
  const product = entry.dimension === 'model' ? splitModelRow(entry.row_label) : { category: entry.row_label }
  return Object.fromEntries(Object.entries({ signal_id: String(entry.id), hazard: entry.hazard, ...product }).filter(([, v]) => v))
}

/** A cell meets a rule. */
export const isSignal = (c: Pick<SignalCell, 'signals'>): boolean => (c.signals ?? []).length > 0

/** `1.23`, or `—` when undefined. */
export function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits)
}

/**
 * The bubble chart of a window: rows (the signals' rows first, then the busiest, at most `maxRows`)
 * × hazards; a bubble's size is its reports, its colour its EB05; each point carries the cell's
 * index in `cells` (the click's drill-down).
 */
export function bubbleOption(cells: readonly SignalCell[], rowLabel: (row: string) => string, hazardLabel: (h: string) => string, maxRows = 20): Record<string, unknown> {
  const weight = new Map<string, number>()
  for (const c of cells) weight.set(c.row, (weight.get(c.row) ?? 0) + c.n + (isSignal(c) ? 1e6 : 0))
  const rows = [...weight.entries()].sort((a, b) => b[1] - a[1]).slice(0, maxRows).map(([r]) => r).reverse()
  const rowIndex = new Map(rows.map((r, i) => [r, i]))
  const hazards = [...new Set(cells.filter((c) => rowIndex.has(c.row)).map((c) => c.col))].sort()
  const colIndex = new Map(hazards.map((h, i) => [h, i]))
  const maxN = Math.max(1, ...cells.map((c) => c.n))
  const maxEb = Math.max(2, ...cells.map((c) => c.eb05))
  const data = cells.flatMap((c, i) => {
    const y = rowIndex.get(c.row)
    const x = colIndex.get(c.col)
    return x === undefined || y === undefined ? [] : [{ value: [x, y, c.n, Number(c.eb05.toFixed(2)), i], itemStyle: isSignal(c) ? { borderColor: '#c45656', borderWidth: 2 } : undefined }]
  })
  return {
    tooltip: {
      formatter: (p: { value: number[] }) => `${rowLabel(rows[p.value[1]])} × ${hazardLabel(hazards[p.value[0]])}<br/>n = ${p.value[2]}, EB05 = ${p.value[3]}`,
    },
    grid: { left: 8, right: 80, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: hazards.map(hazardLabel), axisLabel: { rotate: 30, interval: 0 }, splitLine: { show: true } },
    yAxis: { type: 'category', data: rows.map(rowLabel), axisLabel: { interval: 0 }, splitLine: { show: true } },
    visualMap: { type: 'continuous', dimension: 3, min: 0, max: Number(maxEb.toFixed(1)), right: 0, top: 'center', itemHeight: 120, calculable: false, text: ['EB05', ''], inRange: { color: ['#c6e2ff', '#f3d19e', '#f56c6c'] } },
    series: [{ type: 'scatter', data, symbolSize: (v: number[]) => 6 + 30 * Math.sqrt(v[2] / maxN) }],
  }
}
