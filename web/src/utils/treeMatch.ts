/** Case-insensitive match of a free-text filter against some of a row's text fields. */
export function textMatches(q: string | undefined, ...fields: (string | null | undefined)[]): boolean {
  const needle = (q ?? '').trim().toLowerCase()
  if (!needle) return true
  return fields.some((f) => (f ?? '').toLowerCase().includes(needle))
}
