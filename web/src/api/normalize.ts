/**
 * The few places where the console reads an answer whose exact nesting docs/api.md leaves open
 * ("the user, organisation, region, roles, permissions and data scope"): both the flat and the
 * nested form are read here, once, so the rest of the app sees one shape.
 */
import type { CurrentUser, DictItem, OrgRef, RegionRef, RegionValue, RoleRef } from './types'

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {})
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

function ref<T>(v: unknown): T | null {
  return typeof v === 'object' && v !== null ? (v as T) : null
}

/** The CSRF token when the session answer carries one (lets a new tab write without a new login). */
export function csrfTokenOf(raw: unknown): string | null {
  const t = obj(raw).csrf_token
  return typeof t === 'string' && t ? t : null
}

export function toCurrentUser(raw: unknown, mustChange = false): CurrentUser {
  const top = obj(raw)
  const u = obj(top.user ?? top)
  const permissions = (top.permissions ?? u.permissions ?? []) as string[]
  const roles = (top.roles ?? u.roles ?? []) as RoleRef[]
  return {
    id: Number(u.id),
    username: str(u.username),
    name: str(u.name ?? u.display_name ?? u.username),
    org: ref<OrgRef>(top.org ?? top.organisation ?? u.org ?? u.organisation),
    region: ref<RegionRef>(top.region ?? u.region),
    roles,
    permissions: Array.isArray(permissions) ? permissions.map(String) : [],
    data_scope: str(top.data_scope ?? u.data_scope) || 'own',
    must_change_password: Boolean(top.must_change_password ?? u.must_change_password ?? mustChange),
  }
}

/** GET /dicts/{type}: a bare array or a `{items}` page. */
export function toDictItems(raw: unknown): DictItem[] {
  const list = Array.isArray(raw) ? raw : (obj(raw).items as unknown[] | undefined) ?? []
  return list.map((v) => v as DictItem)
}

/** GET /dashboard/regions: a bare array or `{items}`; `region_code`/`code`, `region_name`/`name`. */
export function toRegionValues(raw: unknown): RegionValue[] {
  const list = Array.isArray(raw) ? raw : ((obj(raw).items ?? obj(raw).regions) as unknown[] | undefined) ?? []
  return list.map((v) => {
    const o = obj(v)
    return {
      code: str(o.code ?? o.region_code),
      name: str(o.name ?? o.region_name),
      parent_code: (o.parent_code as string | null | undefined) ?? null,
      level: o.level as string | undefined,
      value: Number(o.value ?? 0),
    }
  })
}
