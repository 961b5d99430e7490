import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (docs/guide/recall.md), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'recall',
    name: 'recall',
    redirect: { name: 'recall-investigations' },
    meta: { title: 'menu.recall', icon: 'DocumentChecked' },
    children: [
      { path: 'assessments', name: 'recall-assessments', component: () => import('./views/AssessmentList.vue'), meta: { title: 'menu.recallAssessments', icon: 'DataAnalysis', permission: 'recall:assessment:list' } },
      // Opened from the signal register (`?signal_id=&title=&hazard=…`) or an investigation (`?investigation_id=`).
      { path: 'assessments/new', name: 'recall-assessment-new', component: () => import('./views/AssessmentEditor.vue'), meta: { title: 'menu.recallAssessmentNew', hidden: true, permission: 'recall:assessment:create' } },
      { path: 'assessments/:id(\\d+)', name: 'recall-assessment', component: () => import('./views/AssessmentPage.vue'), meta: { title: 'menu.recallAssessment', hidden: true, permission: 'recall:assessment:view' } },
      // `?create=1&signal_id=&category=&brand=&model=&hazard=` opens the form filled in (from the signal register).
      { path: 'investigations', name: 'recall-investigations', component: () => import('./views/InvestigationList.vue'), meta: { title: 'menu.recallInvestigations', icon: 'Files', permission: 'recall:investigation:list' } },
      // Notices of a step link here.
      { path: 'investigations/:id(\\d+)', name: 'recall-investigation', component: () => import('./views/InvestigationPage.vue'), meta: { title: 'menu.recallInvestigation', hidden: true, permission: 'recall:investigation:view' } },
      { path: 'recalls', name: 'recall-recalls', component: () => import('./views/RecallList.vue'), meta: { title: 'menu.recallRecalls', icon: 'Promotion', permission: 'recall:recall:list' } },
      // Notices of an order, a publication or an overdue report link here.
      { path: 'recalls/:id(\\d+)', name: 'recall-recall', component: () => import('./views/RecallPage.vue'), meta: { title: 'menu.recallRecall', hidden: true, permission: 'recall:recall:view' } },
      { path: 'warnings', name: 'recall-warnings', component: () => import('./views/WarningList.vue'), meta: { title: 'menu.recallWarnings', icon: 'Warning', permission: 'recall:warning:list' } },
      { path: 'experts', name: 'recall-experts', component: () => import('./views/ExpertList.vue'), meta: { title: 'menu.recallExperts', icon: 'Avatar', permission: 'recall:expert:list' } },
    ],
  },
]

/** Pages without login, outside the admin layout: the public recall portal. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/recalls', name: 'public-recalls', component: () => import('./views/PublicRecalls.vue'), meta: { public: true, title: 'recall.public.recallsTitle' } },
  { path: '/public/recalls/:code', name: 'public-recall', component: () => import('./views/PublicRecall.vue'), meta: { public: true, title: 'recall.public.recallTitle' } },
  { path: '/public/warnings', name: 'public-warnings', component: () => import('./views/PublicWarnings.vue'), meta: { public: true, title: 'recall.public.warningsTitle' } },
  { path: '/public/warnings/:id(\\d+)', name: 'public-warning', component: () => import('./views/PublicWarnings.vue'), meta: { public: true, title: 'recall.public.warningTitle' } },
]
