import type { RouteRecordRaw } from 'vue-router'
import type { PermissionCode } from '@/api/codes'
import { modulePublicRoutes, moduleRoutes } from '@/modules'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu, breadcrumb, tab). */
    title?: string
    /** Element Plus icon name of the menu entry (see components/layout/menuIcons). */
    icon?: string
    /** Permission needed to open the page: a code of the server's catalogue. */
    permission?: PermissionCode
    /** Not in the sidebar menu. */
    hidden?: boolean
    /** Reachable without a session. */
    public?: boolean
    /** Tab that cannot be closed. */
    affix?: boolean
  }
}

/** Pages inside the admin layout; the sidebar menu is built from this table. */
export const layoutChildren: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/dashboard/HomeDashboard.vue'),
    meta: { title: 'menu.home', icon: 'HomeFilled', affix: true },
  },
  // The business modules' pages (src/modules/index.ts).
  ...moduleRoutes,
  {
    path: 'system',
    name: 'system',
    redirect: { name: 'system-users' },
    meta: { title: 'menu.system', icon: 'Setting' },
    children: [
      { path: 'users', name: 'system-users', component: () => import('@/views/system/UserList.vue'), meta: { title: 'menu.users', icon: 'User', permission: 'system:user:list' } },
      { path: 'roles', name: 'system-roles', component: () => import('@/views/system/RoleList.vue'), meta: { title: 'menu.roles', icon: 'Avatar', permission: 'system:role:list' } },
      { path: 'orgs', name: 'system-orgs', component: () => import('@/views/system/OrgTree.vue'), meta: { title: 'menu.orgs', icon: 'OfficeBuilding', permission: 'system:org:list' } },
      { path: 'regions', name: 'system-regions', component: () => import('@/views/system/RegionTree.vue'), meta: { title: 'menu.regions', icon: 'Location', permission: 'system:region:list' } },
      { path: 'dicts', name: 'system-dicts', component: () => import('@/views/system/DictList.vue'), meta: { title: 'menu.dicts', icon: 'Collection', permission: 'system:dict:list' } },
      { path: 'params', name: 'system-params', component: () => import('@/views/system/ParamList.vue'), meta: { title: 'menu.params', icon: 'Tools', permission: 'system:param:list' } },
      { path: 'audit-logs', name: 'system-audit-logs', component: () => import('@/views/system/AuditLogList.vue'), meta: { title: 'menu.auditLogs', icon: 'Document', permission: 'system:audit:list' } },
      { path: 'login-logs', name: 'system-login-logs', component: () => import('@/views/system/LoginLogList.vue'), meta: { title: 'menu.loginLogs', icon: 'Tickets', permission: 'system:login-log:list' } },
      { path: 'sessions', name: 'system-sessions', component: () => import('@/views/system/OnlineSessionList.vue'), meta: { title: 'menu.sessions', icon: 'Connection', permission: 'system:session:list' } },
    ],
  },
  // One's own notices: no permission needed.
  { path: 'notices', name: 'notices', component: () => import('@/views/notices/NoticeList.vue'), meta: { title: 'menu.notices', hidden: true } },
  { path: 'profile', name: 'profile', component: () => import('@/views/profile/ProfilePage.vue'), meta: { title: 'menu.profile', hidden: true } },
  { path: 'profile/sessions', name: 'my-sessions', component: () => import('@/views/profile/MySessions.vue'), meta: { title: 'menu.mySessions', hidden: true } },
  { path: 'profile/password', name: 'profile-password', component: () => import('@/views/auth/ChangePasswordPage.vue'), meta: { title: 'menu.changePassword', hidden: true } },
  { path: '403', name: 'forbidden', component: () => import('@/views/error/ForbiddenPage.vue'), meta: { title: 'menu.forbidden', hidden: true } },
]

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/auth/LoginPage.vue'), meta: { public: true, title: 'login.title' } },
  // The forced change of an initial password happens outside the layout: nothing else is usable.
  { path: '/change-password', name: 'change-password', component: () => import('@/views/auth/ChangePasswordPage.vue'), meta: { title: 'password.title' } },
  // The business modules' pages without login (src/modules/index.ts), e.g. the public defect-report form.
  ...modulePublicRoutes,
  { path: '/', component: () => import('@/layouts/AdminLayout.vue'), children: layoutChildren },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/NotFoundPage.vue'), meta: { public: true, title: 'menu.notFound' } },
]
