import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (issue 19), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'programme',
    name: 'programme',
    redirect: { name: 'programme-rounds' },
    meta: { title: 'menu.programme', icon: 'Trophy' },
    children: [
      // Rounds (评选批次) and their review: RoundList, RoundDetail.
      { path: 'rounds', name: 'programme-rounds', component: () => import('./views/RoundList.vue'), meta: { title: 'menu.programmeRounds', icon: 'Calendar', permission: 'programme:round:list' } },
      { path: 'rounds/:id(\\d+)', name: 'programme-round', component: () => import('./views/RoundDetail.vue'), meta: { title: 'menu.programmeRound', hidden: true, permission: 'programme:round:view' } },
      // Applications (申报): `?round_id=` filters the list by a round.
      { path: 'applications', name: 'programme-applications', component: () => import('./views/ApplicationList.vue'), meta: { title: 'menu.programmeApplications', icon: 'Tickets', permission: 'programme:application:list' } },
      // "Apply": the form of a new application to the round `?round=`.
      { path: 'applications/new', name: 'programme-application-new', component: () => import('./views/ApplicationDetail.vue'), meta: { title: 'menu.programmeApplicationNew', hidden: true, permission: 'programme:application:create' } },
      // Notices of a step and the round's applications tab link here.
      { path: 'applications/:id(\\d+)', name: 'programme-application', component: () => import('./views/ApplicationDetail.vue'), meta: { title: 'menu.programmeApplication', hidden: true, permission: 'programme:application:view' } },
      // The review experts' pool.
      { path: 'experts', name: 'programme-experts', component: () => import('./views/ExpertList.vue'), meta: { title: 'menu.programmeExperts', icon: 'Avatar', permission: 'programme:expert:list' } },
      // Terms: surveillance and re-evaluation of the honours held.
      { path: 'terms', name: 'programme-terms', component: () => import('./views/TermList.vue'), meta: { title: 'menu.programmeTerms', icon: 'DocumentChecked', permission: 'programme:term:list' } },
    ],
  },
]

/** Pages without login, outside the admin layout: the honours, the notices (with objections) and the certificate check. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/honours', name: 'public-programme-honours', component: () => import('./views/PublicHonours.vue'), meta: { public: true, title: 'programme.public.honoursTitle' } },
  { path: '/public/programme-notices', name: 'public-programme-notices', component: () => import('./views/PublicNotice.vue'), meta: { public: true, title: 'programme.public.noticesTitle' } },
  // `/public/certificate/<code>` checks the code at once (the link printed on a certificate).
  { path: '/public/certificate/:code?', name: 'public-programme-certificate', component: () => import('./views/PublicCertificate.vue'), meta: { public: true, title: 'programme.public.certificateTitle' } },
]
