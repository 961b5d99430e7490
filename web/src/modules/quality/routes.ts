import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (docs/guide/quality.md, "In the console"), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'quality',
    name: 'quality',
    redirect: { name: 'quality-analysis' },
    meta: { title: 'menu.quality', icon: 'DataAnalysis' },
    children: [
      { path: 'indicators', name: 'quality-indicators', component: () => import('./views/IndicatorList.vue'), meta: { title: 'menu.qualityIndicators', icon: 'Collection', permission: 'quality:indicator:list' } },
      { path: 'frameworks', name: 'quality-frameworks', component: () => import('./views/FrameworkList.vue'), meta: { title: 'menu.qualityFrameworks', icon: 'Share', permission: 'quality:framework:list' } },
      { path: 'frameworks/new', name: 'quality-framework-new', component: () => import('./views/FrameworkEditor.vue'), meta: { title: 'menu.qualityFramework', hidden: true, permission: 'quality:framework:create' } },
      { path: 'frameworks/:id(\\d+)', name: 'quality-framework', component: () => import('./views/FrameworkEditor.vue'), meta: { title: 'menu.qualityFramework', hidden: true, permission: 'quality:framework:view' } },
      { path: 'rounds', name: 'quality-rounds', component: () => import('./views/RoundList.vue'), meta: { title: 'menu.qualityRounds', icon: 'EditPen', permission: 'quality:round:list' } },
      // Notices of a new round link here.
      { path: 'rounds/:id(\\d+)', name: 'quality-round', component: () => import('./views/RoundDetail.vue'), meta: { title: 'menu.qualityRound', hidden: true, permission: 'quality:round:view' } },
      // Notices of a review, a reopening or a reminder link here.
      { path: 'submissions/:id(\\d+)', name: 'quality-submission', component: () => import('./views/SubmissionPage.vue'), meta: { title: 'menu.qualitySubmission', hidden: true, permission: 'quality:submission:view' } },
      // The data-sharing tokens are a tab of this page (`?tab=tokens`), for those who may list them.
      { path: 'values', name: 'quality-values', component: () => import('./views/ValuesPage.vue'), meta: { title: 'menu.qualityValues', icon: 'Coin', permission: 'quality:value:list' } },
      // The framework, year and city are kept in `?framework=&year=&city=`.
      { path: 'analysis', name: 'quality-analysis', component: () => import('./views/AnalysisPage.vue'), meta: { title: 'menu.qualityAnalysis', icon: 'TrendCharts', permission: 'quality:analysis:view' } },
      { path: 'reports', name: 'quality-reports', component: () => import('./views/ReportList.vue'), meta: { title: 'menu.qualityReports', icon: 'Document', permission: 'quality:report:list' } },
      { path: 'actions', name: 'quality-actions', component: () => import('./views/ActionList.vue'), meta: { title: 'menu.qualityActions', icon: 'Promotion', permission: 'quality:action:list' } },
      { path: 'actions/:id(\\d+)', name: 'quality-action', component: () => import('./views/ActionDetail.vue'), meta: { title: 'menu.qualityAction', hidden: true, permission: 'quality:action:view' } },
    ],
  },
]
