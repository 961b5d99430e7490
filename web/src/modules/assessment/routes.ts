import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (issue 20), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'assessment',
    name: 'assessment',
    redirect: { name: 'assessment-years' },
    meta: { title: 'menu.assessment', icon: 'DataAnalysis' },
    children: [
      // The assessment of a year: settings, indicator system, progress and its steps.
      { path: 'years', name: 'assessment-years', component: () => import('./views/YearList.vue'), meta: { title: 'menu.assessmentYears', icon: 'Calendar', permission: 'assessment:year:list' } },
      { path: 'years/:id(\\d+)', name: 'assessment-year', component: () => import('./views/YearDetail.vue'), meta: { title: 'menu.assessmentYear', hidden: true, permission: 'assessment:year:view' } },
      // The ranking of a year (provisional for the province before publication).
      { path: 'years/:id(\\d+)/results', name: 'assessment-results', component: () => import('./views/ResultsPage.vue'), meta: { title: 'menu.assessmentResults', hidden: true, permission: 'assessment:result:view' } },
      // The cities' self-evaluations: `?year_id=` filters by a year.
      { path: 'evaluations', name: 'assessment-evaluations', component: () => import('./views/EvaluationList.vue'), meta: { title: 'menu.assessmentEvaluations', icon: 'EditPen', permission: 'assessment:evaluation:list' } },
      { path: 'evaluations/:id(\\d+)', name: 'assessment-evaluation', component: () => import('./views/EvaluationDetail.vue'), meta: { title: 'menu.assessmentEvaluation', hidden: true, permission: 'assessment:evaluation:view' } },
      // The departments' scoring of a year (`?year_id=`).
      { path: 'scoring', name: 'assessment-scoring', component: () => import('./views/ScoringPage.vue'), meta: { title: 'menu.assessmentScoring', icon: 'DocumentChecked', permission: 'assessment:score:list' } },
      // Remediation (整改) of the cities at the bottom or failing, with the follow-up talks.
      { path: 'remediations', name: 'assessment-remediations', component: () => import('./views/RemediationList.vue'), meta: { title: 'menu.assessmentRemediations', icon: 'Tools', permission: 'assessment:remediation:list' } },
      { path: 'remediations/:id(\\d+)', name: 'assessment-remediation', component: () => import('./views/RemediationDetail.vue'), meta: { title: 'menu.assessmentRemediation', hidden: true, permission: 'assessment:remediation:view' } },
      // The national assessment's feedback (国家考核反馈问题) and its follow-up.
      { path: 'findings', name: 'assessment-findings', component: () => import('./views/FindingList.vue'), meta: { title: 'menu.assessmentFindings', icon: 'Flag', permission: 'assessment:finding:list' } },
    ],
  },
]
