import { permissionMatches } from '@/utils/permission'
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

/** The permission strings of the tree's leaves. */
export function leafCodes(groups: PermissionGroup[]): string[] {
  return groups.flatMap((g) => g.permissions.map((p) => p.code))
}

/** The leaves a role's grants cover (`system:user:*` checks every user permission). */
export function coveredLeaves(grants: readonly string[], leaves: readonly string[]): string[] {
  return leaves.filter((leaf) => grants.some((g) => permissionMatches(g, leaf)))
}

/**
 * The grants to save after the tree was edited. Unchanged coverage keeps the original strings
 * (so `*:*:*` stays a wildcard that also covers permissions added later); otherwise the checked
 * leaves are spelled out, and grants the tree cannot show (other modules' permissions) are kept.
 */
export function grantsAfterEdit(original: readonly string[], checked: readonly string[], leaves: readonly string[]): string[] {
  const before = new Set(coveredLeaves(original, leaves))
  const after = new Set(checked)
  if (before.size === after.size && [...after].every((c) => before.has(c))) return [...original]
  const invisible = original.filter((g) => !leaves.some((leaf) => permissionMatches(g, leaf)))
  return [...invisible, ...checked]
}
