import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router'
import type { PermissionCode } from '@/api/codes'
import { hasPermission } from '@/utils/permission'

/** What the navigation guard decides for a target route. */
export type Access =
  | { kind: 'allow' }
  | { kind: 'login' }
  | { kind: 'change-password' }
  | { kind: 'forbidden' }

export interface Viewer {
  signedIn: boolean
  mustChangePassword: boolean
  permissions: readonly string[]
}

/** Pure decision: public pages pass; otherwise a session, a changed password and the permission. */
export function decideAccess(to: Pick<RouteLocationNormalized, 'name' | 'matched' | 'meta'>, viewer: Viewer): Access {
  if (to.meta.public) return { kind: 'allow' }
  if (!viewer.signedIn) return { kind: 'login' }
  if (viewer.mustChangePassword && to.name !== 'change-password') return { kind: 'change-password' }
  const needed = to.matched.map((r) => r.meta.permission).filter((p): p is PermissionCode => !!p)
  return needed.every((p) => hasPermission(viewer.permissions, p)) ? { kind: 'allow' } : { kind: 'forbidden' }
}

export interface MenuEntry {
  /** Absolute path. */
  path: string
  title: string
  icon?: string
  children: MenuEntry[]
}

function join(base: string, path: string): string {
  if (path.startsWith('/')) return path
  const b = base.endsWith('/') ? base : `${base}/`
  return path ? `${b}${path}` : base
}

/**
 * The sidebar menu: visible, permitted routes; a group whose children are all hidden or
 * forbidden disappears with them.
 */
export function buildMenu(records: readonly RouteRecordRaw[], permissions: readonly string[], base = '/'): MenuEntry[] {
  const out: MenuEntry[] = []
  for (const r of records) {
    const meta = r.meta ?? {}
    if (meta.hidden || !meta.title) continue
    if (meta.permission && !hasPermission(permissions, meta.permission)) continue
    const path = join(base, r.path)
    if (r.children?.length) {
      const children = buildMenu(r.children, permissions, path)
      if (children.length === 0) continue
      out.push({ path, title: meta.title, icon: meta.icon, children })
    } else {
      out.push({ path, title: meta.title, icon: meta.icon, children: [] })
    }
  }
  return out
}
