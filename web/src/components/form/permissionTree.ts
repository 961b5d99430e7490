import type { PermissionGroup } from '@/api/types'

export interface PermissionNode {
  /** A permission string for leaves; `group:<code>` for groups (never sent to the server). */
  key: string
  label: string
  label_en: string
  children?: PermissionNode[]
}

/** The catalogue's groups as a two-level tree whose leaves are the permission strings. */
export function permissionTreeNodes(groups: PermissionGroup[]): PermissionNode[] {
  return groups.map((g) => ({
    key: `group:${g.code}`,
    label: g.label,
    label_en: g.label_en,
    children: g.permissions.map((p) => ({ key: p.code, label: p.label, label_en: p.label_en })),
  }))
}
