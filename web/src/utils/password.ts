/**
 * The password policy, mirrored from the server (issue 2): at least 10 characters and at least
 * three of the four classes lower case, upper case, digit, other.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MIN_CLASSES = 3

export interface PasswordCheck {
  ok: boolean
  longEnough: boolean
  classes: number
}

export function passwordClasses(pw: string): number {
  let lower = false
  let upper = false
  let digit = false
  let other = false
  for (const c of pw) {
    if (c >= 'a' && c <= 'z') lower = true
    else if (c >= 'A' && c <= 'Z') upper = true
    else if (c >= '0' && c <= '9') digit = true
    else other = true
  }
  return [lower, upper, digit, other].filter(Boolean).length
}

export function checkPassword(pw: string): PasswordCheck {
  const longEnough = [...pw].length >= PASSWORD_MIN_LENGTH
  const classes = passwordClasses(pw)
  return { ok: longEnough && classes >= PASSWORD_MIN_CLASSES, longEnough, classes }
}
