/**
 * User names: 3–32 characters, a letter first, then letters, digits, `_`, `.` or `-`.
 * Mirrors the server's `format`/`length` rules for `username`.
 */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/
export const USERNAME_MIN = 3
export const USERNAME_MAX = 32

export type UsernameProblem = 'length' | 'format'

export function checkUsername(name: string): UsernameProblem | null {
  if (name.length < USERNAME_MIN || name.length > USERNAME_MAX) return 'length'
  return USERNAME_PATTERN.test(name) ? null : 'format'
}
