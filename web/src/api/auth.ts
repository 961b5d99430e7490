import { http } from './http'
import { csrfTokenOf, toCurrentUser } from './normalize'
import { setCsrfToken } from './session'
import type { CurrentUser, LoginResponse, SessionInfo } from './types'

export const authApi = {
  login: (username: string, password: string) =>
    http.post<LoginResponse>('/auth/login', { username, password }, { quiet: true }),
  logout: () => http.post<void>('/auth/logout', undefined, { quiet: true }),
  me: async (): Promise<CurrentUser> => {
    const raw = await http.get<unknown>('/auth/me', undefined, { quiet: true })
    const csrf = csrfTokenOf(raw)
    if (csrf) setCsrfToken(csrf)
    return toCurrentUser(raw)
  },
  changePassword: (old_password: string, new_password: string) =>
    http.post<void>('/auth/password', { old_password, new_password }, { quiet: true }),
  sessions: () => http.get<SessionInfo[]>('/auth/sessions'),
  revokeSession: (id: string) => http.delete(`/auth/sessions/${encodeURIComponent(id)}`),
}
