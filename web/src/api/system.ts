/** System-management reads and writes outside the list kit (docs/api.md "System management"). */
import { http } from './http'
import type { DataScope, DictItem, DictType, Org, Page, Param, PermissionGroup, Region, Role, User } from './types'

export interface UserInput {
  display_name: string
  org_id: number
  role_ids: number[]
  email: string | null
  phone: string | null
}
export interface NewUser extends UserInput {
  username: string
  password: string
}
export interface RoleInput {
  code: string
  name: string
  name_en: string
  data_scope: DataScope
  permissions: string[]
  status: string
  sort: number
  version?: number
}
export interface NewOrg {
  code: string
  name: string
  kind: string
  region_code: string
  parent_id: number | null
  credit_code: string | null
  contact: string | null
  phone: string | null
  sort: number
}
export interface OrgUpdate {
  name: string
  kind: string
  credit_code: string | null
  contact: string | null
  phone: string | null
  status: string
  sort: number
  version: number
}
export interface DictTypeInput {
  code: string
  name: string
  name_en: string
  status: string
  version?: number
}
export interface DictItemInput {
  value: string
  label: string
  label_en: string
  sort: number
  status: string
  version?: number
}

const enc = encodeURIComponent

export const systemApi = {
  createUser: (body: NewUser) => http.post<User>('/system/users', body),
  updateUser: (id: number, body: UserInput & { version: number }) => http.put<User>(`/system/users/${id}`, body),
  resetPassword: (id: number, password: string) => http.post<void>(`/system/users/${id}/reset-password`, { password }),
  setUserStatus: (id: number, status: string, version: number) => http.put<User>(`/system/users/${id}/status`, { status, version }),

  roles: () => http.get<Page<Role>>('/system/roles', { page_size: 500, sort: 'sort' }),
  /** The roles the signed-in user may give (the user forms' choices; no role permission needed). */
  assignableRoles: () => http.get<Role[]>('/system/users/assignable-roles'),
  createRole: (body: RoleInput) => http.post<Role>('/system/roles', body),
  updateRole: (id: number, body: RoleInput) => http.put<Role>(`/system/roles/${id}`, body),
  permissionGroups: () => http.get<PermissionGroup[]>('/system/permissions'),

  orgTree: () => http.get<Org[]>('/system/orgs/tree'),
  /** Organisations of one kind (`department`, `city_bureau`, …) in the caller's scope. */
  orgsOfKind: (kind: string) => http.get<Page<Org>>('/system/orgs', { kind, status: 'active', page_size: 100 }),
  createOrg: (body: NewOrg) => http.post<Org>('/system/orgs', body),
  updateOrg: (id: number, body: OrgUpdate) => http.put<Org>(`/system/orgs/${id}`, body),

  regionTree: () => http.get<Region[]>('/system/regions/tree'),
  updateRegion: (id: number, body: Pick<Region, 'name' | 'name_en' | 'sort' | 'version'>) => http.put<Region>(`/system/regions/${id}`, body),

  createDictType: (body: DictTypeInput) => http.post<DictType>('/system/dicts', body),
  updateDictType: (id: number, body: DictTypeInput) => http.put<DictType>(`/system/dicts/${id}`, body),
  createDictItem: (type: string, body: DictItemInput) => http.post<DictItem>(`/system/dicts/${enc(type)}/items`, body),
  updateDictItem: (id: number, body: DictItemInput) => http.put<DictItem>(`/system/dict-items/${id}`, body),

  updateParam: (key: string, body: Pick<Param, 'value' | 'version'>) => http.put<Param>(`/system/params/${enc(key)}`, body),
}
