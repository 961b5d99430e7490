import { describe, expect, it } from 'vitest'
import { cityOf, homeRegion, tableRows } from './regionView'
import { featureFor, prefectureOf, specialFor } from './geo'

const v = (code: string, name: string, level = 'prefecture', value = 1) => ({ code, name, name_en: '', level, value })
const values = [v('620100', '兰州市', 'prefecture', 10), v('620500', '天水市', 'prefecture', 8), v('620171', '兰州新区', 'special', 2), v('629901', '甘肃矿区', 'special', 1)]

describe('dashboard regions', () => {
  it('fixes non-province users to their region', () => {
    expect(homeRegion('all', '620000')).toBeNull()
    expect(homeRegion('region', '620500')).toBe('620500')
    expect(homeRegion('region', '620000')).toBeNull()
    expect(homeRegion('org', null)).toBeNull()
  })

  it('shows every city-level row for the province, one for a region or a county in it', () => {
    expect(tableRows(values, null)).toHaveLength(4)
    expect(tableRows(values, '620500').map((r) => r.name)).toEqual(['天水市'])
    expect(tableRows(values, '620502').map((r) => r.name)).toEqual(['天水市'])
    expect(tableRows(values, '620171').map((r) => r.name)).toEqual(['兰州新区'])
    expect(cityOf(values, '621200')).toBeUndefined()
  })

  it('finds boundaries and markers', () => {
    expect(prefectureOf('620502')).toBe('620500')
    const geo = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id: 620500, properties: { name: '天水市' }, geometry: null }] }
    expect(featureFor(geo, '620502')?.properties.name).toBe('天水市')
    expect(featureFor(geo, '620100')).toBeUndefined()
    expect(specialFor('620171', '')?.name).toBe('兰州新区')
    expect(specialFor('629902', '')?.coord).toEqual([100.3, 41.0])
    expect(specialFor('', '东风场区')?.code).toBe('629902')
    expect(specialFor('620100', '兰州市')).toBeUndefined()
  })
})
