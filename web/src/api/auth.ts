/** Sign-in, the session probe, password change and one's own sessions. */
import { api, ok, quiet } from './http'
import { toCurrentUser } from './normalize'
import { setCsrfToken } from './session'
import type { CurrentUser } from './types'

export const authApi = {
  login: (username: string, password: string) => ok(api.POST('/api/v1/auth/login', { body: { username, password }, middleware: [quiet] })),
  logout: () => ok(api.POST('/api/v1/auth/logout', { middleware: [quiet] })),
  /** The session's user; its CSRF token is kept (lets a new tab write without a new login). */
  me: async (): Promise<CurrentUser> => {
    const me = await ok(api.GET('/api/v1/auth/me', { middleware: [quiet] }))
    if (me.csrf_token) setCsrfToken(me.csrf_token)
    return toCurrentUser(me)
  },
  changePassword: (old_password: string, new_password: string) =>
    ok(api.POST('/api/v1/auth/password', { body: { old_password, new_password }, middleware: [quiet] })),
  sessions: () => ok(api.GET('/api/v1/auth/sessions')),
  revokeSession: (id: string) => ok(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } })),
}
