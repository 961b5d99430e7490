/**
 * Wire types of the endpoints the console uses, as the server's store views serialise them
 * (crates/store/src/repo/*). `npm run gen:api` writes the server's own types to
 * src/api/schema.d.ts; these are to become aliases of those once the OpenAPI document is served.
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

/** `status` of users, roles, organisations, dictionaries: generated from the server's OpenAPI document. */
import type { Status } from './codes'
export { STATUSES } from './codes'
export type { Status }

export interface RoleRef {
  id: number
  code: string
  name: string
  name_en: string
}

export interface User {
  id: number
  username: string
  display_name: string
  email?: string | null
  phone?: string | null
  status: Status | string
  must_change_password: boolean
  org_id: number
  org_name: string
  org_kind: string
  region_code: string
  region_name: string
  roles: RoleRef[]
  locked_until?: string | null
  last_login_at?: string | null
  created_at: string
  updated_at: string
  version: number
}

/** The signed-in user as the console uses it (from GET /auth/me). */
export interface CurrentUser {
  id: number
  username: string
  name: string
  org: { id: number; name: string; kind: string } | null
  region: { code: string; name: string } | null
  /** Role codes. */
  roles: string[]
  permissions: string[]
  data_scope: DataScope | string
  must_change_password: boolean
}

export interface LoginResponse {
  token: string
  csrf_token: string
  must_change_password: boolean
  user: User
}

export interface SessionInfo {
  id: string
  user_id: number
  username: string
  display_name: string
  ip: string
  user_agent: string
  created_at: string
  last_seen_at: string
  expires_at: string
  current: boolean
}

export interface Role {
  id: number
  code: string
  name: string
  name_en: string
  data_scope: DataScope
  permissions: string[]
  builtin: boolean
  status: Status | string
  sort: number
  version: number
  created_at: string
  updated_at: string
}

/** GET /system/permissions: groups of permission strings with labels. */
export interface PermissionGroup {
  code: string
  label: string
  label_en: string
  permissions: { code: string; label: string; label_en: string }[]
}

export interface Org {
  id: number
  code: string
  name: string
  kind: string
  region_id: number
  region_code: string
  region_name: string
  parent_id?: number | null
  path: string
  credit_code?: string | null
  contact?: string | null
  phone?: string | null
  status: Status | string
  sort: number
  version: number
  created_at: string
  updated_at: string
  /** Tree endpoint only. */
  children?: Org[]
}

export interface Region {
  id: number
  code: string
  name: string
  name_en: string
  level: string
  parent_id?: number | null
  path: string
  sort: number
  version: number
  /** Tree endpoint only. */
  children?: Region[]
}

export interface DictType {
  id: number
  code: string
  name: string
  name_en: string
  status: Status | string
  builtin: boolean
  version: number
  updated_at: string
}

export interface DictItem {
  id: number
  type_code: string
  value: string
  label: string
  label_en: string
  sort: number
  status: Status | string
  version: number
}

export interface Param {
  key: string
  value: string
  kind: string
  name: string
  name_en: string
  min_value?: number | null
  max_value?: number | null
  version: number
  updated_at: string
}

/**
 * The `action` strings the server records (`audit::record` in crates/store/src): record changes,
 * account actions, plan transitions, and the steps of a plan target (also shown in its history).
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'reset_password',
  'change_password',
  'force_logout',
  'publish',
  'close',
  'published',
  'reported',
  'accepted',
  'returned',
  'reminded',
  'overdue',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditLog {
  id: number
  at: string
  actor_id?: number | null
  actor_name: string
  entity: string
  entity_id: string
  action: string
  /** The record before and after the change (JSON objects; absent on create / delete). */
  before?: unknown
  after?: unknown
  request_id?: string | null
}

export interface LoginLog {
  id: number
  username: string
  user_id?: number | null
  success: boolean
  reason: string
  ip: string
  user_agent: string
  at: string
}

export const DASHBOARD_METRICS = ['users', 'open_tasks', 'overdue_tasks'] as const
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number]

export interface RegionValue {
  code: string
  name: string
  name_en: string
  /** `prefecture` or `special` (the city-level regions) */
  level: string
  value: number
}
