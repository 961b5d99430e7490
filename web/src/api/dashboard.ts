import { http } from './http'
import type { DashboardMetric, RegionValue } from './types'

export const dashboardApi = {
  /** One value per city-level region in the caller's data scope. */
  regions: (metric: DashboardMetric) => http.get<RegionValue[]>('/dashboard/regions', { metric }),
}
