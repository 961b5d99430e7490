import type { RouteRecordRaw } from 'vue-router'

/** The module's console pages (none yet: the disputes, makers and models come with the backend's routes). */
export const routes: RouteRecordRaw[] = []

/** Pages without login, outside the admin layout: the consumers' 三包 self-check. */
export const publicRoutes: RouteRecordRaw[] = [
  { path: '/public/sanbao', name: 'public-sanbao', component: () => import('./views/SanbaoCheck.vue'), meta: { public: true, title: 'car.sanbao.title' } },
]
