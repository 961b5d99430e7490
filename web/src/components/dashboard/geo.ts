/**
 * The Gansu prefecture boundaries (assets/geo, see its README) and the three areas under the
 * province drawn as markers. The GeoJSON is a hashed asset fetched on first use.
 */
import geoUrl from '@/assets/geo/gansu_prefectures.geojson?url'
import specialRegions from '@/assets/geo/special-regions.json'

export const PROVINCE_CODE = '620000'

export interface GeoFeature {
  type: 'Feature'
  id: string | number
  properties: { name: string; adcode?: number; cp?: [number, number] }
  geometry: unknown
}
export interface GeoCollection {
  type: 'FeatureCollection'
  features: GeoFeature[]
}

export interface SpecialRegion {
  code: string
  name: string
  name_en: string
  coord: [number, number]
}

export const SPECIAL_REGIONS = specialRegions as SpecialRegion[]

let loading: Promise<GeoCollection> | null = null

export function loadGansuGeo(): Promise<GeoCollection> {
  loading ??= fetch(geoUrl).then((r) => {
    if (!r.ok) throw new Error(`GeoJSON ${r.status}`)
    return r.json() as Promise<GeoCollection>
  })
  return loading
}

/** The prefecture-level code a region code belongs to (a county's prefecture, a prefecture itself). */
export function prefectureOf(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 4)}00` : code
}

/**
 * The boundary feature of a region, if it is (or lies in) one of the 14 prefectures; none for
 * the special areas (兰州新区's code lies in 兰州's block, but it is not 兰州).
 */
export function featureFor(geo: GeoCollection, code: string): GeoFeature | undefined {
  if (SPECIAL_REGIONS.some((s) => s.code === code)) return undefined
  const pref = prefectureOf(code)
  return geo.features.find((f) => String(f.id) === pref)
}

/** The marker of one of the special areas, matched by code when known, otherwise by name. */
export function specialFor(code: string, name: string): SpecialRegion | undefined {
  return SPECIAL_REGIONS.find((s) => s.code === code || s.name === name)
}
