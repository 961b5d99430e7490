import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (docs/guide/car.md), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'car',
    name: 'car',
    redirect: { name: 'car-disputes' },
    meta: { title: 'menu.car', icon: 'Van' },
    children: [
      { path: 'disputes', name: 'car-disputes', component: () => import('./views/DisputeList.vue'), meta: { title: 'menu.carDisputes', icon: 'Files', permission: 'car:dispute:list' } },
      // The notice asking an expert for an opinion links here.
      { path: 'disputes/:id(\\d+)', name: 'car-dispute', component: () => import('./views/DisputePage.vue'), meta: { title: 'menu.carDispute', hidden: true, permission: 'car:dispute:view' } },
      { path: 'makers', name: 'car-makers', component: () => import('./views/MakerList.vue'), meta: { title: 'menu.carMakers', icon: 'OfficeBuilding', permission: 'car:maker:list' } },
      { path: 'calendar', name: 'car-calendar', component: () => import('./views/CalendarPage.vue'), meta: { title: 'menu.carCalendar', icon: 'Calendar', permission: 'car:calendar:list' } },
      { path: 'analysis', name: 'car-analysis', component: () => import('./views/AnalysisPage.vue'), meta: { title: 'menu.carAnalysis', icon: 'DataAnalysis', permission: 'car:analysis:view' } },
      { path: 'injuries', name: 'car-injuries', component: () => import('./views/InjuryList.vue'), meta: { title: 'menu.carInjuries', icon: 'FirstAidKit', permission: 'car:injury:list' } },
    ],
  },
]

/** Pages without login, outside the admin layout: the consumers' 三包 self-check. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/sanbao', name: 'public-sanbao', component: () => import('./views/SanbaoCheck.vue'), meta: { public: true, title: 'car.sanbao.title' } },
]
