/** Which rows the dashboard shows for the province, a drilled-into region, or a city user. */
import type { RegionValue } from '@/api/types'
import { PROVINCE_CODE, prefectureOf, specialFor } from './geo'

/** The region a user's dashboard is fixed to: null for the province (scope `all`). */
export function homeRegion(dataScope: string, regionCode: string | null | undefined): string | null {
  if (dataScope === 'all' || !regionCode || regionCode === PROVINCE_CODE) return null
  return regionCode
}

/** Rows directly under `parent`; when the server sends no parent codes, rows matched by code shape. */
export function childrenOf(values: RegionValue[], parent: string): RegionValue[] {
  const withParent = values.filter((v) => v.parent_code)
  if (withParent.length) return values.filter((v) => v.parent_code === parent)
  if (parent === PROVINCE_CODE) return values.filter((v) => v.code !== PROVINCE_CODE && (/^\d{4}00$/.test(v.code) || specialFor(v.code, v.name)))
  return values.filter((v) => v.code !== parent && prefectureOf(v.code) === parent && !specialFor(v.code, v.name))
}

/** The rows of the table for the current focus (null = the whole province). */
export function tableRows(values: RegionValue[], focus: string | null): RegionValue[] {
  if (focus === null) {
    const top = childrenOf(values, PROVINCE_CODE)
    return top.length ? top : values
  }
  const self = values.filter((v) => v.code === focus)
  return [...self, ...childrenOf(values, focus)]
}
