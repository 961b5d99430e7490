/**
 * The vehicle identification number (车辆识别代号) as the server checks it (crates/domain/src/vin.rs,
 * ISO 3779 / GB 16735): 17 characters without I, O and Q, the 9th being the check digit.
 */

/** The number of characters of a VIN. */
export const VIN_LENGTH = 17

/** Weights of positions 1–17 (the 9th, the check digit itself, weighs 0). */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** The transliteration of the VIN's letters (I, O and Q are not used: they look like 1 and 0). */
const LETTERS: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
}

function value(c: string): number | null {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48
  return LETTERS[c] ?? null
}

/** A VIN as the server keeps it: trimmed, upper case. */
export const normaliseVin = (raw: string): string => raw.trim().toUpperCase()

/** The check character (`0`–`9` or `X`) of 17 characters (the 9th ignored); null if one is outside the alphabet. */
export function vinCheckChar(vin: string): string | null {
  const s = normaliseVin(vin)
  if ([...s].length !== VIN_LENGTH) return null
  let sum = 0
  for (let i = 0; i < VIN_LENGTH; i++) {
    const v = value(s[i])
    if (v === null) return null
    sum += v * WEIGHTS[i]
  }
  const r = sum % 11
  return r === 10 ? 'X' : String(r)
}

/** What is wrong with a VIN, in the order the server checks: its length, its characters, its check digit. */
export type VinProblem = 'length' | 'format' | 'checksum'

export function checkVin(raw: string): VinProblem | null {
  const s = normaliseVin(raw)
  if ([...s].length !== VIN_LENGTH) return 'length'
  const check = vinCheckChar(s)
  if (check === null) return 'format'
  return s[8] === check ? null : 'checksum'
}
