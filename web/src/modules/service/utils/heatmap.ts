/**
 * The city × service heat map of a round's results: the cells (`{region_code, service, n, index}`)
 * put on a grid whose rows are the cities (in ranking order) and whose columns are the services
 * (public services first, then life services), each cell with its index and its n.
 */

export interface Axis {
  code: string
  label: string
}

export interface HeatCell {
  /** [column, row, index] as ECharts' heat map reads it. */
  value: [number, number, number]
  n: number
}

export interface HeatGrid {
  columns: Axis[]
  rows: Axis[]
  cells: HeatCell[]
  /** Cells of the grid without responses (left blank). */
  empty: number
}

/**
 * Lays the cells on the grid. The axes given fix the order; a code found only in the cells is
 * added after them (named by its code); a row or column without any cell is dropped. A cell
 * without a finite index is left out.
 */
export function heatGrid(cells: readonly { region_code: string; service: string; n: number; index?: number | null }[], rows: readonly Axis[], columns: readonly Axis[]): HeatGrid {
  const usable = cells.filter((c) => typeof c.index === 'number' && Number.isFinite(c.index))
  const present = (key: 'region_code' | 'service') => new Set(usable.map((c) => c[key]))
  const axis = (given: readonly Axis[], codes: Set<string>): Axis[] => {
    const known = given.filter((a) => codes.has(a.code))
    const extra = [...codes].filter((c) => !given.some((a) => a.code === c)).sort().map((code) => ({ code, label: code }))
    return [...known, ...extra]
  }
  const ys = axis(rows, present('region_code'))
  const xs = axis(columns, present('service'))
  const yi = new Map(ys.map((a, i) => [a.code, i]))
  const xi = new Map(xs.map((a, i) => [a.code, i]))
  const out: HeatCell[] = usable.map((c) => ({ value: [xi.get(c.service)!, yi.get(c.region_code)!, c.index as number], n: c.n }))
  out.sort((a, b) => a.value[1] - b.value[1] || a.value[0] - b.value[0])
  return { columns: xs, rows: ys, cells: out, empty: xs.length * ys.length - out.length }
}

/** The services as columns: public services first, then life services, each in the given order. */
export function serviceColumns(services: readonly { code: string; field: string }[], label: (code: string) => string, fields: readonly string[]): Axis[] {
  const rank = (f: string) => (fields.includes(f) ? fields.indexOf(f) : fields.length)
  return services
    .map((s, i) => ({ s, i }))
    .sort((a, b) => rank(a.s.field) - rank(b.s.field) || a.i - b.i)
    .map(({ s }) => ({ code: s.code, label: label(s.code) }))
}

/** The colour range of the map: the cells' lowest and highest index, rounded out to whole points. */
export function heatRange(grid: HeatGrid): { min: number; max: number } {
  if (grid.cells.length === 0) return { min: 0, max: 100 }
  const values = grid.cells.map((c) => c.value[2])
  const min = Math.floor(Math.min(...values))
  const max = Math.ceil(Math.max(...values))
  return { min, max: max > min ? max : min + 1 }
}

/** The heat map as an ECharts option: each cell shows its index and, under it, its n. */
export function heatmapOption(grid: HeatGrid, labels: { index: string; n: string }): Record<string, unknown> {
  const range = heatRange(grid)
  return {
    tooltip: {
      position: 'top',
      formatter: (p: { data: HeatCell }) => {
        const [x, y, v] = p.data.value
        return `${grid.rows[y]?.label} · ${grid.columns[x]?.label}<br/>${labels.index}: ${v.toFixed(1)}<br/>${labels.n}: ${p.data.n}`
      },
    },
    grid: { left: 8, right: 8, top: 8, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: grid.columns.map((c) => c.label), splitArea: { show: true }, axisLabel: { interval: 0, rotate: 35, fontSize: 11, color: '#606266' } },
    yAxis: { type: 'category', data: grid.rows.map((r) => r.label), inverse: true, splitArea: { show: true }, axisLabel: { fontSize: 11, color: '#606266' } },
    visualMap: {
      min: range.min,
      max: range.max,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 140,
      precision: 0,
      inRange: { color: ['#f56c6c', '#f3d19e', '#95d475'] },
      textStyle: { fontSize: 11, color: '#606266' },
    },
    series: [
      {
        name: labels.index,
        type: 'heatmap',
        data: grid.cells,
        label: {
          show: true,
          fontSize: 10,
          lineHeight: 12,
          formatter: (p: { data: HeatCell }) => `${p.data.value[2].toFixed(1)}\n{n|n=${p.data.n}}`,
          rich: { n: { fontSize: 9, color: '#606266' } },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#303133', borderWidth: 1 } },
      },
    ],
  }
}
