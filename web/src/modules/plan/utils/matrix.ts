/** The supervision matrix (GET /plans/{id}/matrix) as table rows, cell tones and chart series. */
import type { Matrix, MatrixCell, MatrixCity, MatrixPoint } from '../api'
import { ratePercent } from './plan'

/** How a cell is drawn: the cell status, or `empty` where the point has no target of that city. */
export type CellTone = 'done' | 'in_progress' | 'not_started' | 'empty'

export function cellTone(cell: MatrixCell | undefined): CellTone {
  if (!cell || cell.total === 0) return 'empty'
  return cell.status === 'done' || cell.status === 'in_progress' ? cell.status : 'not_started'
}

export interface MatrixRow {
  point: MatrixPoint
  /** Cells by the city's org id. */
  cells: Record<number, MatrixCell>
  total: number
  completed: number
  /** 0..100 */
  percent: number
  /** Rows the part cell spans: the part's row count on its first row, 0 on the others. */
  partSpan: number
}

const byOrder = (a: MatrixPoint, b: MatrixPoint) => a.part_seq - b.part_seq || a.seq - b.seq || a.id - b.id

/** One row per point in plan order, with its cells, its rate and the part grouping. */
export function matrixRows(m: Matrix): MatrixRow[] {
  const points = [...m.points].sort(byOrder)
  const cells = new Map<number, Record<number, MatrixCell>>()
  for (const c of m.cells) {
    let row = cells.get(c.point_id)
    if (!row) cells.set(c.point_id, (row = {}))
    row[c.org_id] = c
  }
  const byPoint = new Map(m.by_point.map((p) => [p.point_id, p]))
  return points.map((point, i) => {
    const stat = byPoint.get(point.id)
    const first = i === 0 || points[i - 1].part_seq !== point.part_seq
    let span = 0
    if (first) {
      span = 1
      while (i + span < points.length && points[i + span].part_seq === point.part_seq) span++
    }
    return { point, cells: cells.get(point.id) ?? {}, total: stat?.total ?? 0, completed: stat?.completed ?? 0, percent: ratePercent(stat?.rate), partSpan: span }
  })
}

/** The completion of one city's column: `{total, completed, percent}` (zeros when it has none). */
export function cityStat(m: Matrix, orgId: number): { total: number; completed: number; percent: number } {
  const s = m.by_city.find((c) => c.org_id === orgId)
  return { total: s?.total ?? 0, completed: s?.completed ?? 0, percent: ratePercent(s?.rate) }
}

/** Overdue cells of the matrix (for the summary). */
export function overdueCount(m: Matrix): number {
  return m.cells.filter((c) => c.overdue).length
}

/** Bar-chart series: completion percentage per city and per point, in the table's order. */
export function chartSeries(
  m: Matrix,
  pointLabel: (p: MatrixPoint) => string,
  cityLabel: (c: MatrixCity) => string = (c) => c.name,
): { cities: { name: string; value: number }[]; points: { name: string; value: number }[] } {
  return {
    cities: m.cities.map((c) => ({ name: cityLabel(c), value: cityStat(m, c.org_id).percent })),
    points: matrixRows(m).map((r) => ({ name: pointLabel(r.point), value: r.percent })),
  }
}
