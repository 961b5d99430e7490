/** How the module shows its numbers: indices, values, changes, shares and ranks. */

const DASH = '—'
const MINUS = '−'

/**
 * An index or a score: always two decimals, exactly `score.toFixed(2)` — the report and the
 * engine's command line print the same.
 */
export function formatScore(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? DASH : v.toFixed(2)
}

/** An indicator's value as entered: up to four decimals, no trailing zeros. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH
  return String(Number(v.toFixed(4)))
}

/** A signed difference with `digits` decimals and a real minus sign: +1.23, −0.50, 0.00. */
export function formatSigned(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH
  const s = Math.abs(v).toFixed(digits)
  if (Number(s) === 0) return s
  return `${v > 0 ? '+' : MINUS}${s}`
}

/** A relative change (a share: 0.123) as a signed percentage with one decimal; ∞ from zero. */
export function formatChange(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return DASH
  if (!Number.isFinite(share)) return share > 0 ? '+∞' : `${MINUS}∞`
  return `${formatSigned(share * 100, 1)}%`
}

/** A share (0.3) as a whole percentage (30%), or with one decimal when it is not whole. */
export function formatPercent(share: number): string {
  const pct = Math.round(share * 1000) / 10
  return `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`
}

/**
 * The change of a value on last year's, as the server measures it (values.rs `big_change`):
 * (v − previous)/|previous|; from zero, 0 when still zero, else infinite; null without both.
 */
export function changeOnLastYear(previous: number | null | undefined, value: number | null | undefined): number | null {
  if (previous === null || previous === undefined || value === null || value === undefined) return null
  if (previous === 0) return value === 0 ? 0 : value > 0 ? Infinity : -Infinity
  return (value - previous) / Math.abs(previous)
}

/** Whether a change is beyond the framework's threshold (a share) and needs a comment. */
export function isBigChange(change: number | null, threshold: number): boolean {
  return change !== null && Math.abs(change) > threshold
}

/** An English ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`
}

/** The median and 5–95 % quantiles of a Monte Carlo rank, shortened: "3–5", "4". */
export function formatRankInterval(q05: number | null | undefined, q95: number | null | undefined): string {
  if (q05 === null || q05 === undefined || q95 === null || q95 === undefined) return DASH
  const a = Number(q05.toFixed(1))
  const b = Number(q95.toFixed(1))
  return a === b ? String(a) : `${a}–${b}`
}

/** A region's name short enough for a table cell: 临夏回族自治州 → 临夏州, Linxia Hui Autonomous Prefecture → Linxia. */
export function shortName(name: string): string {
  return name.replace(/^(\p{Script=Han}{2})\p{Script=Han}*自治州$/u, '$1州').replace(/^(.+?)\s+\S+\s+Autonomous Prefecture$/, '$1')
}
