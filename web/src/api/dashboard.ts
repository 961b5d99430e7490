import { api, ok } from './http'
import type { DashboardMetric } from './types'

export const dashboardApi = {
  /** One value per city-level region in the caller's data scope. */
  regions: (metric: DashboardMetric) => ok(api.GET('/api/v1/dashboard/regions', { params: { query: { metric } } })),
}
