import type { RouteRecordRaw } from 'vue-router'

/** The module's pages and menu entries (docs/guide/plan.md), each behind the permission it needs. */
export const routes: RouteRecordRaw[] = [
  {
    path: 'plan',
    name: 'plan',
    redirect: { name: 'plan-plans' },
    meta: { title: 'menu.plan', icon: 'Flag' },
    children: [
      { path: 'plans', name: 'plan-plans', component: () => import('./views/PlanList.vue'), meta: { title: 'menu.plans', icon: 'Files', permission: 'plan:plan:list' } },
      { path: 'plans/:id(\\d+)', name: 'plan-detail', component: () => import('./views/PlanEditor.vue'), meta: { title: 'menu.planDetail', hidden: true, permission: 'plan:plan:view' } },
      { path: 'tasks', name: 'plan-tasks', component: () => import('./views/TaskList.vue'), meta: { title: 'menu.tasks', icon: 'List', permission: 'plan:task:list' } },
      // The same list fixed to reports awaiting review (`review=pending`).
      { path: 'reviews', name: 'plan-reviews', component: () => import('./views/TaskList.vue'), props: { reviewQueue: true }, meta: { title: 'menu.reviews', icon: 'DocumentChecked', permission: 'plan:task:review' } },
      // The plan is chosen on the page and kept in `?plan=`.
      { path: 'matrix', name: 'plan-matrix', component: () => import('./views/PlanMatrix.vue'), meta: { title: 'menu.matrix', icon: 'Grid', permission: 'plan:matrix:list' } },
    ],
  },
]
