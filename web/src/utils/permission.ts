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
