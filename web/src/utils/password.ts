/**
 * The password policy, mirrored from the server (domain `PasswordPolicy`): 10 to 128 characters
 * (code points) and at least three of the four classes lower case, upper case, ASCII digit,
 * other (neither a letter nor a number). CJK characters count towards the length only.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 128
export const PASSWORD_MIN_CLASSES = 3

export interface PasswordCheck {
  ok: boolean
  longEnough: boolean
  tooLong: boolean
  classes: number
}

export function passwordClasses(pw: string): number {
  const lower = /\p{Lowercase}/u.test(pw)
  const upper = /\p{Uppercase}/u.test(pw)
  const digit = /[0-9]/.test(pw)
  const other = /[^\p{Alphabetic}\p{N}]/u.test(pw)
  return [lower, upper, digit, other].filter(Boolean).length
}

export function checkPassword(pw: string): PasswordCheck {
  const n = [...pw].length
  const longEnough = n >= PASSWORD_MIN_LENGTH
  const tooLong = n > PASSWORD_MAX_LENGTH
  const classes = passwordClasses(pw)
  return { ok: longEnough && !tooLong && classes >= PASSWORD_MIN_CLASSES, longEnough, tooLong, classes }
}
