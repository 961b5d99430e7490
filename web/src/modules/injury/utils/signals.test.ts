import { describe, expect, it } from 'vitest'
import type { SignalCell } from '../api'
import { bubbleOption, drillQuery, followUpQuery, splitModelRow } from './signals'

const cell = (row: string, col: string, n: number, eb05: number, signals: string[] = []): SignalCell =>
  ({ row, col, n, expected: 1, prr: null, prr_chi2: null, ror: null, ror_lo95: null, ror_hi95: null, ic: 0, ic025: 0, ic975: 0, ebgm: eb05, eb05, eb95: eb05, signals, new: false }) as SignalCell

describe('the signals drill-down', () => {
  it('splits a model row on the first space', () => {
    expect(splitModelRow('迅驰 XC-20000')).toEqual({ brand: '迅驰', model: 'XC-20000' })
    expect(splitModelRow('Acme Power Max 2')).toEqual({ brand: 'Acme', model: 'Power Max 2' })
    expect(splitModelRow('Solo')).toEqual({ brand: 'Solo', model: '' })
  })

  it('filters the reports by category or brand and model, hazard and window', () => {
    const w = { dimension: 'product', from: '2026-01-01', to: '2026-12-31' }
    expect(drillQuery(w, { row: 'power-bank', col: 'fire' })).toEqual({ category: 'power-bank', hazard: 'fire', from: '2026-01-01', to: '2026-12-31' })
    expect(drillQuery({ ...w, dimension: 'model', category: 'power-bank' }, { row: '迅驰 XC-20000', col: 'fire' })).toEqual({
      brand: '迅驰', model: 'XC-20000', category: 'power-bank', hazard: 'fire', from: '2026-01-01', to: '2026-12-31',
    })
  })

  it('hands a register entry’s product and hazard to its follow-up', () => {
    expect(followUpQuery({ id: 7, dimension: 'model', row_label: '迅驰 XC-20000', hazard: 'fire' })).toEqual({ signal_id: '7', hazard: 'fire', brand: '迅驰', model: 'XC-20000' })
    expect(followUpQuery({ id: 8, dimension: 'product', row_label: 'power-bank', hazard: 'fire' })).toEqual({ signal_id: '8', hazard: 'fire', category: 'power-bank' })
  })

  it('draws signals first and keeps each bubble’s cell index', () => {
    const cells = [cell('toy', 'cut', 50, 0.5), cell('power-bank', 'fire', 40, 3, ['eb05'])]
    const o = bubbleOption(cells, (r) => r, (h) => h) as { yAxis: { data: string[] }; series: { data: { value: number[] }[] }[] }
    // The chart's y axis runs upwards: the first row is drawn at the top.
    expect(o.yAxis.data).toEqual(['toy', 'power-bank'])
    expect(o.series[0].data.map((d) => d.value[4])).toEqual([0, 1])
  })
})
