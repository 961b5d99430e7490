import { describe, expect, it } from 'vitest'
import { childrenOf, homeRegion, tableRows } from './regionView'
import { featureFor, prefectureOf, specialFor } from './geo'

const v = (code: string, name: string, parent_code: string | null, value = 1) => ({ code, name, parent_code, value })
const values = [
  v('620000', '甘肃省', null, 30),
  v('620100', '兰州市', '620000', 10),
  v('620102', '城关区', '620100', 4),
  v('620500', '天水市', '620000', 8),
  v('620502', '秦州区', '620500', 3),
  v('620171', '兰州新区', '620000', 2),
  v('629901', '甘肃矿区', '620000', 1),
]

describe('dashboard regions', () => {
  it('fixes non-province users to their region', () => {
    expect(homeRegion('all', '620000')).toBeNull()
    expect(homeRegion('region', '620500')).toBe('620500')
    expect(homeRegion('region', '620000')).toBeNull()
    expect(homeRegion('org', null)).toBeNull()
  })

  it('shows the level under the province, or a region and its subdivisions', () => {
    expect(tableRows(values, null).map((r) => r.name)).toEqual(['兰州市', '天水市', '兰州新区', '甘肃矿区'])
    expect(tableRows(values, '620500').map((r) => r.name)).toEqual(['天水市', '秦州区'])
  })

  it('falls back to the code shape when the server sends no parents', () => {
    const flat = values.map((r) => ({ ...r, parent_code: null }))
    expect(childrenOf(flat, '620000').map((r) => r.name)).toEqual(['兰州市', '天水市', '兰州新区', '甘肃矿区'])
    expect(childrenOf(flat, '620100').map((r) => r.name)).toEqual(['城关区'])
  })

  it('finds boundaries and markers', () => {
    expect(prefectureOf('620502')).toBe('620500')
    const geo = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id: 620500, properties: { name: '天水市' }, geometry: null }] }
    expect(featureFor(geo, '620502')?.properties.name).toBe('天水市')
    expect(featureFor(geo, '620100')).toBeUndefined()
    expect(specialFor('620171', '')?.name).toBe('兰州新区')
    expect(specialFor('629902', '东风场区')?.coord).toEqual([100.3, 41.0])
    expect(specialFor('620100', '兰州市')).toBeUndefined()
  })
})
