import { http } from './http'
import { toRegionValues } from './normalize'
import type { DashboardMetric, RegionValue } from './types'

export const dashboardApi = {
  /** Per-region values of a metric in the caller's data scope. */
  regions: async (metric: DashboardMetric): Promise<RegionValue[]> =>
    toRegionValues(await http.get<unknown>('/dashboard/regions', { metric })),
}
