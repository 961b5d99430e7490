import { describe, expect, it } from 'vitest'
import type { Matrix } from '../api'
import { cellTone, chartSeries, cityStat, matrixRows, overdueCount } from './matrix'

const matrix: Matrix = {
  cities: [
    { org_id: 20, name: '兰州市', region_code: '620100' },
    { org_id: 24, name: '天水市', region_code: '620500' },
  ],
  // Out of order on purpose: rows follow part, then point.
  points: [
    { id: 13, seq: 1, title: '质量提升行动', part_seq: 2 },
    { id: 12, seq: 2, title: '学习《纲要》', part_seq: 1 },
    { id: 11, seq: 1, title: '贯彻二十大精神', part_seq: 1 },
  ],
  cells: [
    { point_id: 11, org_id: 20, total: 1, completed: 1, status: 'done', overdue: false },
    { point_id: 11, org_id: 24, total: 1, completed: 0, status: 'in_progress', overdue: true },
    { point_id: 12, org_id: 20, total: 2, completed: 0, status: 'not_started', overdue: false },
    { point_id: 13, org_id: 24, total: 1, completed: 0, status: 'not_started', overdue: true },
  ],
  by_city: [
    { org_id: 20, total: 3, completed: 1, rate: 1 / 3 },
    { org_id: 24, total: 2, completed: 0, rate: 0 },
  ],
  by_point: [
    { point_id: 11, total: 2, completed: 1, rate: 0.5 },
    { point_id: 12, total: 2, completed: 0, rate: 0 },
    { point_id: 13, total: 1, completed: 0, rate: 0 },
  ],
  total: 5,
  completed: 1,
  rate: 0.2,
}

describe('supervision matrix', () => {
  it('orders rows by part and point and spans each part over its rows', () => {
    const rows = matrixRows(matrix)
    expect(rows.map((r) => r.point.id)).toEqual([11, 12, 13])
    expect(rows.map((r) => r.partSpan)).toEqual([2, 0, 1])
    expect(rows.map((r) => r.percent)).toEqual([50, 0, 0])
    expect(rows[0].cells[24].overdue).toBe(true)
    expect(rows[2].cells[20]).toBeUndefined()
  })

  it('colours cells by status, and cells without targets as empty', () => {
    const rows = matrixRows(matrix)
    expect(cellTone(rows[0].cells[20])).toBe('done')
    expect(cellTone(rows[0].cells[24])).toBe('in_progress')
    expect(cellTone(rows[1].cells[20])).toBe('not_started')
    expect(cellTone(rows[1].cells[24])).toBe('empty')
    expect(cellTone({ point_id: 1, org_id: 1, total: 0, completed: 0, status: 'done', overdue: false })).toBe('empty')
  })

  it('gives per-city rates and the overdue count', () => {
    expect(cityStat(matrix, 20)).toEqual({ total: 3, completed: 1, percent: 33 })
    expect(cityStat(matrix, 99)).toEqual({ total: 0, completed: 0, percent: 0 })
    expect(overdueCount(matrix)).toBe(2)
  })

  it('makes the chart series in table order', () => {
    const s = chartSeries(matrix, (p) => `${p.part_seq}.${p.seq}`)
    expect(s.cities).toEqual([{ name: '兰州市', value: 33 }, { name: '天水市', value: 0 }])
    expect(s.points).toEqual([{ name: '1.1', value: 50 }, { name: '1.2', value: 0 }, { name: '2.1', value: 0 }])
    expect(chartSeries(matrix, () => '', (c) => c.region_code).cities.map((c) => c.name)).toEqual(['620100', '620500'])
  })

  it('copes with an empty matrix', () => {
    const empty: Matrix = { cities: [], points: [], cells: [], by_city: [], by_point: [], total: 0, completed: 0, rate: 0 }
    expect(matrixRows(empty)).toEqual([])
    expect(chartSeries(empty, () => '')).toEqual({ cities: [], points: [] })
  })
})
