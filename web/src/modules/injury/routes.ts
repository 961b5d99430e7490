import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (docs/guide/injury.md), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'injury',
    name: 'injury',
    redirect: { name: 'injury-signals' },
    meta: { title: 'menu.injury', icon: 'FirstAidKit' },
    children: [
      { path: 'points', name: 'injury-points', component: () => import('./views/PointList.vue'), meta: { title: 'menu.injuryPoints', icon: 'Location', permission: 'injury:point:list' } },
      { path: 'cases', name: 'injury-cases', component: () => import('./views/CaseList.vue'), meta: { title: 'menu.injuryCases', icon: 'Tickets', permission: 'injury:case:list' } },
      // The window, dimensions and filters are kept in the query string.
      { path: 'estimates', name: 'injury-estimates', component: () => import('./views/EstimatesPage.vue'), meta: { title: 'menu.injuryEstimates', icon: 'TrendCharts', permission: 'injury:estimate:view' } },
      // The filters are read from the query string: the signals page drills down to here.
      { path: 'reports', name: 'injury-reports', component: () => import('./views/ReportList.vue'), meta: { title: 'menu.injuryReports', icon: 'Document', permission: 'injury:report:list' } },
      // The window and dimension are kept in `?dimension=&from=&to=&category=`; the rules are a tab (`?tab=rules`).
      { path: 'signals', name: 'injury-signals', component: () => import('./views/SignalsPage.vue'), meta: { title: 'menu.injurySignals', icon: 'Warning', permission: 'injury:signal:list' } },
      { path: 'register', name: 'injury-register', component: () => import('./views/RegisterList.vue'), meta: { title: 'menu.injuryRegister', icon: 'Flag', permission: 'injury:signal:list' } },
    ],
  },
]

/** Pages without login, outside the admin layout. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/defect-report', name: 'public-defect-report', component: () => import('./views/PublicReportPage.vue'), meta: { public: true, title: 'injury.public.title' } },
]
