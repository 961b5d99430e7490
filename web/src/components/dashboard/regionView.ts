/** Which rows the dashboard shows: the city-level regions, or one of them. */
import type { RegionValue } from '@/api/types'
import { PROVINCE_CODE } from './geo'

/** The region a user's dashboard is fixed to: null for the province (scope `all`). */
export function homeRegion(dataScope: string, regionCode: string | null | undefined): string | null {
  if (dataScope === 'all' || !regionCode || regionCode === PROVINCE_CODE) return null
  return regionCode
}

/** The city-level region (prefecture or special area) a region code lies in. */
export function cityOf(values: RegionValue[], code: string): RegionValue | undefined {
  return values.find((v) => v.code === code) ?? values.find((v) => /^\d{6}$/.test(code) && v.code === `${code.slice(0, 4)}00`)
}

/** The rows of the table: every city-level row for the province, else the focused region's row. */
export function tableRows(values: RegionValue[], focus: string | null): RegionValue[] {
  if (focus === null) return values
  const city = cityOf(values, focus)
  return city ? [city] : []
}
