/** System-management reads and writes outside the list kit (docs/api.md "System management"). */
import { api, ok } from './http'
import type { DictItemInput, DictTypeInput, NewOrg, NewUser, OrgUpdate, ParamUpdate, RegionUpdate, RoleInput, Status, UserUpdate } from './types'

export const systemApi = {
  createUser: (body: NewUser) => ok(api.POST('/api/v1/system/users', { body })),
  updateUser: (id: number, body: UserUpdate) => ok(api.PUT('/api/v1/system/users/{id}', { params: { path: { id } }, body })),
  resetPassword: (id: number, password: string) => ok(api.POST('/api/v1/system/users/{id}/reset-password', { params: { path: { id } }, body: { password } })),
  setUserStatus: (id: number, status: Status, version: number) => ok(api.PUT('/api/v1/system/users/{id}/status', { params: { path: { id } }, body: { status, version } })),

  roles: () => ok(api.GET('/api/v1/system/roles', { params: { query: { page_size: 500, sort: 'sort' } } })),
  /** The roles the signed-in user may give (the user forms' choices; no role permission needed). */
  assignableRoles: () => ok(api.GET('/api/v1/system/users/assignable-roles')),
  createRole: (body: RoleInput) => ok(api.POST('/api/v1/system/roles', { body })),
  updateRole: (id: number, body: RoleInput) => ok(api.PUT('/api/v1/system/roles/{id}', { params: { path: { id } }, body })),
  permissionGroups: () => ok(api.GET('/api/v1/system/permissions')),

  orgTree: () => ok(api.GET('/api/v1/system/orgs/tree')),
  /** Organisations of one kind (`department`, `city_bureau`, …) in the caller's scope. */
  orgsOfKind: (kind: string) => ok(api.GET('/api/v1/system/orgs', { params: { query: { kind, status: 'active', page_size: 100 } } })),
  createOrg: (body: NewOrg) => ok(api.POST('/api/v1/system/orgs', { body })),
  updateOrg: (id: number, body: OrgUpdate) => ok(api.PUT('/api/v1/system/orgs/{id}', { params: { path: { id } }, body })),

  regionTree: () => ok(api.GET('/api/v1/system/regions/tree')),
  updateRegion: (id: number, body: RegionUpdate) => ok(api.PUT('/api/v1/system/regions/{id}', { params: { path: { id } }, body })),

  createDictType: (body: DictTypeInput) => ok(api.POST('/api/v1/system/dicts', { body })),
  updateDictType: (id: number, body: DictTypeInput) => ok(api.PUT('/api/v1/system/dicts/{id}', { params: { path: { id } }, body })),
  createDictItem: (type: string, body: DictItemInput) => ok(api.POST('/api/v1/system/dicts/{type}/items', { params: { path: { type } }, body })),
  updateDictItem: (id: number, body: DictItemInput) => ok(api.PUT('/api/v1/system/dict-items/{id}', { params: { path: { id } }, body })),
  removeDictItem: (id: number) => ok(api.DELETE('/api/v1/system/dict-items/{id}', { params: { path: { id } } })),

  updateParam: (key: string, body: ParamUpdate) => ok(api.PUT('/api/v1/system/params/{key}', { params: { path: { key } }, body })),

  /** The dictionary's active and disabled items (GET /dicts/{type}; no permission needed). */
  dictItems: (type: string) => ok(api.GET('/api/v1/dicts/{type}', { params: { path: { type } } })),
}
