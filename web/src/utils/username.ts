/**
 * User names: 3–32 characters after trimming, an ASCII letter first, then ASCII letters, digits,
 * `_`, `.` or `-`; the server stores them lower-case. Mirrors the domain `Username` rules.
 */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/
export const USERNAME_MIN = 3
export const USERNAME_MAX = 32

export type UsernameProblem = 'length' | 'format'

export function checkUsername(raw: string): UsernameProblem | null {
  const name = raw.trim()
  if (name.length < USERNAME_MIN || name.length > USERNAME_MAX) return 'length'
  return USERNAME_PATTERN.test(name) ? null : 'format'
}
