import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (issue 18), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'service',
    name: 'service',
    redirect: { name: 'service-rounds' },
    meta: { title: 'menu.service', icon: 'Connection' },
    children: [
      { path: 'surveys', name: 'service-surveys', component: () => import('./views/SurveyList.vue'), meta: { title: 'menu.serviceSurveys', icon: 'Tickets', permission: 'service:survey:list' } },
      { path: 'surveys/:id(\\d+)', name: 'service-survey', component: () => import('./views/SurveyPage.vue'), meta: { title: 'menu.serviceSurvey', hidden: true, permission: 'service:survey:view' } },
      { path: 'rounds', name: 'service-rounds', component: () => import('./views/RoundList.vue'), meta: { title: 'menu.serviceRounds', icon: 'EditPen', permission: 'service:round:list' } },
      // The notice of a published round links here, and to its results.
      { path: 'rounds/:id(\\d+)', name: 'service-round', component: () => import('./views/RoundPage.vue'), meta: { title: 'menu.serviceRound', hidden: true, permission: 'service:round:view' } },
      { path: 'rounds/:id(\\d+)/results', name: 'service-results', component: () => import('./views/ResultsPage.vue'), meta: { title: 'menu.serviceResults', hidden: true, permission: 'service:result:view' } },
      { path: 'tasks', name: 'service-tasks', component: () => import('./views/TaskList.vue'), meta: { title: 'menu.serviceTasks', icon: 'DocumentChecked', permission: 'service:task:list' } },
      { path: 'tasks/:id(\\d+)', name: 'service-task', component: () => import('./views/TaskPage.vue'), meta: { title: 'menu.serviceTask', hidden: true, permission: 'service:task:view' } },
      { path: 'events', name: 'service-events', component: () => import('./views/EventList.vue'), meta: { title: 'menu.serviceEvents', icon: 'Warning', permission: 'service:event:list' } },
      { path: 'events/:id(\\d+)', name: 'service-event', component: () => import('./views/EventPage.vue'), meta: { title: 'menu.serviceEvent', hidden: true, permission: 'service:event:view' } },
    ],
  },
]

/** Pages without login, outside the admin layout: the public questionnaire of a one-time link. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/survey/:token', name: 'public-survey', component: () => import('./views/PublicSurvey.vue'), meta: { public: true, title: 'service.public.title' } },
]
