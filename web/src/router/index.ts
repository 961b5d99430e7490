import { createRouter, createWebHistory } from 'vue-router'
import { configureHttp } from '@/api/http'
import { currentLocale } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { decideAccess } from './access'
import { routes } from './routes'

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  const auth = useAuthStore()
  if (!to.meta.public) await auth.ensureLoaded()
  const access = decideAccess(to, {
    signedIn: auth.signedIn,
    mustChangePassword: auth.mustChangePassword,
    permissions: auth.permissions,
  })
  switch (access.kind) {
    case 'allow':
      return true
    case 'login':
      return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
    case 'change-password':
      return { name: 'change-password' }
    case 'forbidden':
      // The 403 page keeps the refused address in the tab title and the browser history.
      return { name: 'forbidden', query: { from: to.fullPath }, replace: true }
  }
})

/** Wires the API layer's redirects to the router. */
export function installHttpRedirects(): void {
  configureHttp({
    locale: currentLocale,
    onUnauthenticated: () => {
      const auth = useAuthStore()
      auth.clear()
      const here = router.currentRoute.value
      if (here.name !== 'login') void router.push({ name: 'login', query: { redirect: here.fullPath, ended: '1' } })
    },
    onPasswordChangeRequired: () => {
      const auth = useAuthStore()
      if (auth.user) auth.user = { ...auth.user, must_change_password: true }
      void router.push({ name: 'change-password' })
    },
  })
}
