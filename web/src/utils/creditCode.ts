/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and upper-case letters without I, O, Z, S, V); the last one is a check
 * character computed modulo 31 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type CreditCodeProblem = 'length' | 'format' | 'checksum'

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i])
    if (v < 0) return null
    sum += v * WEIGHTS[i]
  }
  return ALPHABET[(31 - (sum % 31)) % 31]
}

/**
 * Null when valid, otherwise the rule broken, in the server's order (domain `CreditCode`):
 * trimmed and upper-cased first, then `length`, `format` (alphabet), `checksum`.
 */
export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = raw.trim().toUpperCase()
  if (code.length !== 18) return 'length'
  if (![...code].every((c) => ALPHABET.includes(c))) return 'format'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'checksum'
}
