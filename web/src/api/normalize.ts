/** Reading the session answers (login, GET /auth/me) into the one shape the app uses. */
import type { CurrentUser, User } from './types'

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {})

/** The CSRF token when the session answer carries one (lets a new tab write without a new login). */
export function csrfTokenOf(raw: unknown): string | null {
  const t = obj(raw).csrf_token
  return typeof t === 'string' && t ? t : null
}

/**
 * GET /auth/me is `{user, permissions, data_scope, roles, must_change_password, csrf_token}`;
 * the login answer has only `user` (permissions come with the /auth/me that follows).
 */
export function toCurrentUser(raw: unknown, mustChange = false): CurrentUser {
  const top = obj(raw)
  const u = obj(top.user ?? top) as Partial<User>
  const roles = Array.isArray(top.roles) ? top.roles.map(String) : (u.roles ?? []).map((r) => r.code)
  return {
    id: Number(u.id),
    username: u.username ?? '',
    name: u.display_name || u.username || '',
    org: u.org_id !== undefined ? { id: u.org_id, name: u.org_name ?? '', kind: u.org_kind ?? '' } : null,
    region: u.region_code ? { code: u.region_code, name: u.region_name ?? '' } : null,
    roles,
    permissions: Array.isArray(top.permissions) ? top.permissions.map(String) : [],
    data_scope: typeof top.data_scope === 'string' ? top.data_scope : 'own',
    must_change_password: Boolean(top.must_change_password ?? u.must_change_password ?? mustChange),
  }
}
