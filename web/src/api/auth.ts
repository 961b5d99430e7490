import { http } from './http'
import { toCurrentUser } from './normalize'
import type { CurrentUser, LoginResponse, SessionInfo } from './types'

export const authApi = {
  login: (username: string, password: string) =>
    http.post<LoginResponse>('/auth/login', { username, password }, { quiet: true }),
  logout: () => http.post<void>('/auth/logout', undefined, { quiet: true }),
  me: async (): Promise<CurrentUser> => toCurrentUser(await http.get<unknown>('/auth/me', undefined, { quiet: true })),
  changePassword: (old_password: string, new_password: string) =>
    http.post<void>('/auth/password', { old_password, new_password }, { quiet: true }),
  sessions: async (): Promise<SessionInfo[]> => {
    const raw = await http.get<SessionInfo[] | { items: SessionInfo[] }>('/auth/sessions')
    return Array.isArray(raw) ? raw : raw.items
  },
  revokeSession: (id: string) => http.delete(`/auth/sessions/${encodeURIComponent(id)}`),
}
