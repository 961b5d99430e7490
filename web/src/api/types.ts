/**
 * Wire types of the endpoints the console uses, written from docs/api.md and the domain crate.
 * `npm run gen:api` writes the server's own types to src/api/schema.d.ts; these are to be
 * replaced by aliases of those once the server publishes its OpenAPI document.
 */

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface ImportRowError {
  row: number
  field: string
  code: string
  message: string
}

export interface ImportResult {
  created: number
  errors: ImportRowError[]
}

export const DATA_SCOPES = ['all', 'region', 'org', 'own', 'assigned'] as const
export type DataScope = (typeof DATA_SCOPES)[number]

export interface RegionRef {
  code: string
  name: string
}

export interface OrgRef {
  id: number
  name: string
  code?: string
}

export interface RoleRef {
  id: number
  name: string
  code?: string
}

/** The signed-in user as the console uses it (GET /auth/me). */
export interface CurrentUser {
  id: number
  username: string
  name: string
  org: OrgRef | null
  region: RegionRef | null
  roles: RoleRef[]
  permissions: string[]
  data_scope: DataScope | string
  must_change_password: boolean
}

export interface LoginResponse {
  token: string
  csrf_token: string
  must_change_password: boolean
  user: unknown
}

export interface SessionInfo {
  id: string
  user_id?: number
  username?: string
  ip?: string | null
  user_agent?: string | null
  created_at: string
  last_seen_at?: string | null
  expires_at?: string | null
  current?: boolean
}

export interface User {
  id: number
  username: string
  name: string
  org_id: number
  org_name?: string
  role_ids: number[]
  roles?: RoleRef[]
  enabled: boolean
  phone?: string | null
  email?: string | null
  must_change_password?: boolean
  last_login_at?: string | null
  created_at?: string
  version: number
}

export interface Role {
  id: number
  code: string
  name: string
  data_scope: DataScope
  permissions: string[]
  remark?: string | null
  version: number
}

/** A node of GET /system/permissions: a group with children or a permission string. */
export interface PermissionNode {
  key: string
  label_zh: string
  label_en: string
  children?: PermissionNode[]
}

export interface Org {
  id: number
  code: string
  name: string
  kind: string
  parent_id: number | null
  region_code: string | null
  credit_code?: string | null
  sort?: number
  version: number
  children?: Org[]
}

export interface Region {
  code: string
  name: string
  level: string
  parent_code: string | null
  path?: string
  sort?: number
  version: number
  children?: Region[]
}

export interface DictType {
  id: number
  type: string
  name_zh: string
  name_en: string
  remark?: string | null
  version: number
}

export interface DictItem {
  id: number
  type?: string
  value: string
  label_zh: string
  label_en: string
  sort: number
  enabled?: boolean
  version: number
}

export interface Param {
  key: string
  value: string
  description?: string | null
  version: number
  updated_at?: string
}

export interface AuditLog {
  id: number
  actor: string | null
  actor_id?: number | null
  at: string
  entity: string
  entity_id: string
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  request_id?: string | null
}

export interface LoginLog {
  id: number
  username: string
  success: boolean
  reason?: string | null
  ip?: string | null
  user_agent?: string | null
  at: string
}

export const DASHBOARD_METRICS = ['users', 'open_tasks', 'overdue_tasks'] as const
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number]

export interface RegionValue {
  code: string
  name: string
  parent_code?: string | null
  level?: string
  value: number
}
