/**
 * Pure helpers of the years' pages: the flow and the steps a year's state offers, the indicator
 * system's points per part, the settings' grade table checked as the server
 * checks it, and the 14 prefectures (the cities assessed by default) out of the region tree.
 */
import { YEAR_STATUSES } from '../api'

/** The step bar's position: the status's index; the last step counts as done once published. */
export function flowIndex(status: string): number {
  const i = (YEAR_STATUSES as readonly string[]).indexOf(status)
  return status === 'published' ? YEAR_STATUSES.length : Math.max(0, i)
}

/** What a year's state allows (the server decides; these are the controls shown). */
export function yearSteps(status: string) {
  return {
    /** Every setting and the indicator system. */
    draft: status === 'draft',
    /** The title and the self-evaluation deadline (draft and self-evaluation). */
    editTitle: status === 'draft' || status === 'self_evaluation',
    open: status === 'draft',
    close: status === 'self_evaluation',
    publish: status === 'scoring',
    reopen: status === 'published',
  }
}

/** Points as the server adds them: to the hundredth, without binary drift (0.1 + 0.2). */
export const roundPoints = (n: number): number => Math.round(n * 100) / 100

/** Rows in groups of their part, the parts in order of first appearance. */
export function groupByPart<T extends { part: string }>(rows: readonly T[]): { part: string; rows: T[] }[] {
  const groups = new Map<string, T[]>()
  for (const r of rows) {
    const g = groups.get(r.part)
    if (g) g.push(r)
    else groups.set(r.part, [r])
  }
  return [...groups].map(([part, rows]) => ({ part, rows }))
}

/** The sum of `value` over rows (null counted as nothing). */
export function sumOf<T>(rows: readonly T[], value: (row: T) => number | null | undefined): number {
  return roundPoints(rows.reduce((s, r) => s + (value(r) ?? 0), 0))
}

/** Each part's points and indicator count, in order of first appearance. */
export function partTotals(indicators: readonly { part: string; points: number }[]): { part: string; points: number; count: number }[] {
  return groupByPart(indicators).map((g) => ({ part: g.part, points: sumOf(g.rows, (i) => i.points), count: g.rows.length }))
}

export interface GradeBand {
  grade: string
  min: number
}

/**
 * What is wrong with a grade table, or null: a band without a name, a name twice, a minimum
 * outside 0–100, minimums not strictly falling from the highest band, or no band reaching 0
 * (a total would have no grade).
 */
export function gradesProblem(grades: readonly GradeBand[]): 'empty' | 'name' | 'duplicate' | 'range' | 'order' | 'floor' | null {
  if (grades.length === 0) return 'empty'
  if (grades.some((g) => !g.grade.trim())) return 'name'
  if (new Set(grades.map((g) => g.grade.trim())).size !== grades.length) return 'duplicate'
  if (grades.some((g) => !Number.isFinite(g.min) || g.min < 0 || g.min > 100)) return 'range'
  if (grades.some((g, i) => i > 0 && g.min >= grades[i - 1].min)) return 'order'
  return grades[grades.length - 1].min === 0 ? null : 'floor'
}

/** `n` of `of` in whole percent (0 when there is nothing to count). */
export function percent(n: number, of: number): number {
  return of > 0 ? Math.min(100, Math.round((n / of) * 100)) : 0
}

interface RegionLike {
  code: string
  name: string
  name_en?: string | null
  level: string
  children?: RegionLike[] | null
}

/** The prefectures (地级市、自治州) of a region tree, in its order: the cities a year assesses. */
export function prefecturesOf<R extends RegionLike>(tree: readonly R[]): R[] {
  return tree.flatMap((r) => (r.level === 'prefecture' ? [r] : prefecturesOf((r.children ?? []) as R[])))
}
