/** Reading the session answers (login, GET /auth/me) into the one shape the app uses. */
import type { CurrentUser, Me, User } from './types'

/**
 * GET /auth/me is `{user, permissions, data_scope, roles, must_change_password, csrf_token}`;
 * the login answer has only `user` (permissions come with the /auth/me that follows).
 */
export function toCurrentUser(from: Me | User, mustChange = false): CurrentUser {
  const me = 'user' in from ? from : null
  const u = me ? me.user : (from as User)
  return {
    id: u.id,
    username: u.username,
    name: u.display_name || u.username,
    org: { id: u.org_id, name: u.org_name, kind: u.org_kind },
    region: u.region_code ? { code: u.region_code, name: u.region_name } : null,
    roles: me ? me.roles : u.roles.map((r) => r.code),
    permissions: me ? me.permissions : [],
    data_scope: me ? me.data_scope : 'own',
    must_change_password: me ? me.must_change_password : u.must_change_password || mustChange,
  }
}
