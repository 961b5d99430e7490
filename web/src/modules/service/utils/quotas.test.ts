import { describe, expect, it } from 'vitest'
import type { QuotaView } from '../api'
import { columnTotals, extraServices, fill, gridCells, gridChanged, gridTotals, progress, quotaGrid, rowTotals, shortOf } from './quotas'

const q = (id: number, region_code: string, service: string, target: number, collected = 0, valid = 0): QuotaView =>
  ({ id, round_id: 1, region_code, region_name: region_code === '620100' ? '兰州市' : '天水市', service, service_name: service, field: 'public', target, collected, valid, version: 1 }) as QuotaView

const cities = [{ code: '620100', name: '兰州市' }, { code: '620200', name: '嘉峪关市' }]
const services = ['pub_education', 'life_catering']

describe('the quota grid', () => {
  it('has a row per city and a cell per service, the quotas filled in', () => {
    const rows = quotaGrid([q(1, '620100', 'pub_education', 100, 40, 35), q(2, '620500', 'life_catering', 50)], services, cities)
    expect(rows.map((r) => r.region_code)).toEqual(['620100', '620200', '620500'])
    expect(rows[0].cells.pub_education).toEqual({ id: 1, target: 100, collected: 40, valid: 35 })
    expect(rows[0].cells.life_catering).toEqual({ id: null, target: 0, collected: 0, valid: 0 })
    expect(rows[2].region_name).toBe('天水市')
  })

  it('shows only the quotas’ cities without a city list (a city’s own view)', () => {
    expect(quotaGrid([q(1, '620100', 'pub_education', 10)], services).map((r) => r.region_code)).toEqual(['620100'])
  })

  it('names the services of quotas the survey no longer lists', () => {
    expect(extraServices([q(1, '620100', 'pub_health', 1), q(2, '620100', 'pub_education', 1)], services)).toEqual(['pub_health'])
  })

  it('sends the cells with a target, and the existing ones set to 0 so they are removed', () => {
    const rows = quotaGrid([q(1, '620100', 'pub_education', 100)], services, cities)
    rows[0].cells.pub_education.target = 0
    rows[1].cells.life_catering.target = 20.4
    expect(gridCells(rows)).toEqual([
      { region_code: '620100', service: 'pub_education', target: 0 },
      { region_code: '620200', service: 'life_catering', target: 20 },
    ])
  })

  it('fills every cell, a row or a column, and totals them', () => {
    const rows = quotaGrid([q(1, '620100', 'pub_education', 100, 60, 50)], services, cities)
    fill(rows, 30)
    expect(gridTotals(rows).target).toBe(120)
    fill(rows, 50, { region: '620200' })
    expect(rowTotals(rows[1])).toEqual({ target: 100, collected: 0, valid: 0 })
    fill(rows, 10, { service: 'life_catering' })
    expect(columnTotals(rows, 'life_catering').target).toBe(20)
    expect(columnTotals(rows, 'pub_education')).toEqual({ target: 80, collected: 60, valid: 50 })
    fill(rows, -3)
    expect(gridTotals(rows).target).toBe(0)
  })

  it('tells progress, short cells and unsaved changes', () => {
    expect(progress({ target: 200, collected: 59 })).toBe(29)
    expect(progress({ target: 10, collected: 12 })).toBe(100)
    expect(progress({ target: 0, collected: 5 })).toBe(0)
    expect(shortOf({ id: 1, target: 10, collected: 3, valid: 3 })).toBe(true)
    expect(shortOf({ id: null, target: 0, collected: 0, valid: 0 })).toBe(false)
    const quotas = [q(1, '620100', 'pub_education', 100)]
    const rows = quotaGrid(quotas, services, cities)
    expect(gridChanged(quotas, rows)).toBe(false)
    rows[1].cells.pub_education.target = 5
    expect(gridChanged(quotas, rows)).toBe(true)
  })
})
