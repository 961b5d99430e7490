import { PERMISSION_CODES, type PermissionCode } from '@/api/codes'

/**
 * Permission strings are `module:resource:action`; in a granted string `*` matches exactly one
 * segment (`system:user:*`, `*:*:*`). See docs/api.md.
 */
export function permissionMatches(granted: string, required: string): boolean {
  const g = granted.split(':')
  const r = required.split(':')
  if (g.length !== r.length) return false
  return g.every((seg, i) => seg === '*' || seg === r[i])
}

/** True when any granted string covers `required`; an absent requirement is always met. */
export function hasPermission(granted: readonly string[], required?: string | readonly string[]): boolean {
  if (required === undefined) return true
  const wanted = typeof required === 'string' ? [required] : required
  if (wanted.length === 0) return true
  return wanted.some((w) => granted.some((g) => permissionMatches(g, w)))
}

/** `module:resource` of a catalogue code (`system:user` of `system:user:list`). */
export type PermissionGroupCode = PermissionCode extends infer P ? (P extends `${infer M}:${infer R}:${string}` ? `${M}:${R}` : never) : never

const KNOWN: ReadonlySet<string> = new Set(PERMISSION_CODES)

/** Whether `code` is a permission of the server's catalogue. */
export function isPermissionCode(code: string): code is PermissionCode {
  return KNOWN.has(code)
}
