import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi } from '@/api/auth'
import { toCurrentUser } from '@/api/normalize'
import { setCsrfToken } from '@/api/session'
import type { PermissionCode } from '@/api/codes'
import type { CurrentUser } from '@/api/types'
import { hasPermission } from '@/utils/permission'

/** The signed-in user, their permissions and the session's life cycle. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<CurrentUser | null>(null)
  /** Whether the session has been probed since the page loaded. */
  const probed = ref(false)

  const signedIn = computed(() => user.value !== null)
  const permissions = computed(() => user.value?.permissions ?? [])
  const mustChangePassword = computed(() => user.value?.must_change_password ?? false)

  /** Whether the user holds a permission of the server's catalogue (a code it lacks fails the type check). */
  function can(required?: PermissionCode | readonly PermissionCode[]): boolean {
    return hasPermission(permissions.value, required)
  }

  async function login(username: string, password: string): Promise<void> {
    const res = await authApi.login(username, password)
    setCsrfToken(res.csrf_token)
    user.value = toCurrentUser(res.user, res.must_change_password)
    probed.value = true
    if (!res.must_change_password) await refresh()
  }

  /** Reads /auth/me; null (and no redirect) when there is no session. */
  async function refresh(): Promise<CurrentUser | null> {
    try {
      user.value = await authApi.me()
    } catch (e) {
      const code = (e as { code?: string }).code
      if (code === 'auth.password_change_required' && user.value) {
        user.value = { ...user.value, must_change_password: true }
      } else {
        user.value = null
      }
    } finally {
      probed.value = true
    }
    return user.value
  }

  async function ensureLoaded(): Promise<CurrentUser | null> {
    return probed.value ? user.value : refresh()
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await authApi.changePassword(oldPassword, newPassword)
    if (user.value) user.value = { ...user.value, must_change_password: false }
    await refresh()
  }

  /** Forgets the session locally (after logout or when the server says it has ended). */
  function clear(): void {
    user.value = null
    probed.value = true
    setCsrfToken(null)
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  return { user, probed, signedIn, permissions, mustChangePassword, can, login, refresh, ensureLoaded, changePassword, logout, clear }
})
