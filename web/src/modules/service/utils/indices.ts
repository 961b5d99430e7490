/**
 * How the results page shows its figures: satisfaction indices (0–100) with their intervals, the
 * changes on the previous round, the ranking, the path coefficients and their significance, and
 * the reliability thresholds.
 */

const DASH = '—'
const MINUS = '−'

const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v)

/** An index 0–100 with one decimal (as the 通报 prints it); `—` when there is none. */
export function formatIndex(v: number | null | undefined): string {
  return finite(v) ? v.toFixed(1) : DASH
}

/** A 95 % interval `[lo, hi]` of an index; `—` without both ends. */
export function formatCi(lo: number | null | undefined, hi: number | null | undefined, digits = 1): string {
  return finite(lo) && finite(hi) ? `[${lo.toFixed(digits)}, ${hi.toFixed(digits)}]` : DASH
}

/** A signed difference with a real minus sign: +1.2, −0.5, 0.0; `—` when there is no previous round. */
export function formatSigned(v: number | null | undefined, digits = 1): string {
  if (!finite(v)) return DASH
  const s = Math.abs(v).toFixed(digits)
  if (Number(s) === 0) return s
  return `${v > 0 ? '+' : MINUS}${s}`
}

/** A coefficient, a loading or a reliability figure: three decimals. */
export function formatCoef(v: number | null | undefined): string {
  return finite(v) ? v.toFixed(3) : DASH
}

/** The direction of a change: 1 up, −1 down, 0 none or too small to show (under 0.05 points). */
export function changeDirection(v: number | null | undefined): -1 | 0 | 1 {
  if (!finite(v) || Math.abs(v) < 0.05) return 0
  return v > 0 ? 1 : -1
}

interface Ranked {
  code: string
  index: number
  rank?: number | null
}

/**
 * The cities in ranking order: by the server's rank, else by the index (highest first); ties by
 * code, so that the order never depends on the answer's.
 */
export function rankingOrder<R extends Ranked>(rows: readonly R[]): R[] {
  return [...rows].sort((a, b) => {
    const ra = a.rank ?? Infinity
    const rb = b.rank ?? Infinity
    if (ra !== rb) return ra - rb
    if (a.index !== b.index) return b.index - a.index
    return a.code.localeCompare(b.code)
  })
}

/** The smallest and largest values a chart of indices shows: the data and their intervals, widened to whole 5 points, within 0–100. */
export function indexRange(rows: readonly { index: number; ci_lo?: number | null; ci_hi?: number | null }[]): { min: number; max: number } {
  const values = rows.flatMap((r) => [r.index, r.ci_lo, r.ci_hi]).filter(finite)
  if (values.length === 0) return { min: 0, max: 100 }
  const min = Math.max(0, Math.floor((Math.min(...values) - 1) / 5) * 5)
  const max = Math.min(100, Math.ceil((Math.max(...values) + 1) / 5) * 5)
  return { min, max: Math.max(max, min + 5) }
}

export type Significance = 'significant' | 'not_significant' | 'unknown'

/** The |t| a two-sided test at 5 % needs (large samples). */
const T_95 = 1.96

/**
 * Whether a path differs from zero at 5 %: its bootstrap 95 % interval excludes zero; without an
 * interval, |coef / se| ≥ 1.96; without either, unknown.
 */
export function significance(p: { coef: number; se?: number | null; ci_lo?: number | null; ci_hi?: number | null }): Significance {
  if (finite(p.ci_lo) && finite(p.ci_hi)) return p.ci_lo > 0 || p.ci_hi < 0 ? 'significant' : 'not_significant'
  if (finite(p.se) && p.se > 0) return Math.abs(p.coef / p.se) >= T_95 ? 'significant' : 'not_significant'
  return 'unknown'
}

/** The usual thresholds of a reflective block: Cronbach's alpha and rho_c ≥ 0.7, AVE ≥ 0.5. */
export const RELIABILITY_THRESHOLDS = { alpha: 0.7, rho_c: 0.7, ave: 0.5 } as const
export type ReliabilityFigure = keyof typeof RELIABILITY_THRESHOLDS

/** Whether a reliability figure meets its threshold (null when it is missing). */
export function meetsThreshold(figure: ReliabilityFigure, v: number | null | undefined): boolean | null {
  return finite(v) ? v >= RELIABILITY_THRESHOLDS[figure] : null
}

/** The excluded responses by rule, in the rules' order, with the total. */
export function exclusionCounts(excluded: Record<string, number> | null | undefined, rules: readonly string[]): { rule: string; count: number }[] {
  const e = excluded ?? {}
  const known = rules.map((rule) => ({ rule, count: e[rule] ?? 0 }))
  const other = Object.entries(e).filter(([k]) => !rules.includes(k)).map(([rule, count]) => ({ rule, count }))
  return [...known, ...other]
}

/** A construct's name from the names known (the survey's, the matrix's), else its code. */
export function constructNamer(names: ReadonlyMap<string, string>): (code: string) => string {
  return (code) => names.get(code) ?? code
}
