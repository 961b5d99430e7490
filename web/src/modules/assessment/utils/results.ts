/**
 * Pure helpers of the assessment's results (成绩), remediation (整改) and national feedback
 * (国家考核反馈) pages: the charts' options (grade distribution, part scores per city, each
 * indicator of a city against the province mean), the map's values, a city's weak indicators,
 * the tags' colours and the steps each status allows.
 */

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** The grades' colours, highest first (A green … D red); another grade grey. */
const GRADE_COLOURS: Record<string, string> = { A: '#67c23a', B: '#409eff', C: '#e6a23c', D: '#f56c6c' }
const OTHER_COLOUR = '#909399'
/** The parts' colours in the stacked bar, in the parts' order. */
const PART_COLOURS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4']

export const gradeColour = (grade: string | null | undefined): string => (grade ? (GRADE_COLOURS[grade] ?? OTHER_COLOUR) : OTHER_COLOUR)

export function gradeType(grade: string | null | undefined): TagType {
  return ({ A: 'success', B: 'primary', C: 'warning', D: 'danger' } as Record<string, TagType>)[grade ?? ''] ?? 'info'
}

/** A score as the pages show it: one decimal at most, '—' for none. */
export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  return String(Math.round(v * 10) / 10)
}

/** The pie of the cities per grade; grades without a city are left out. */
export function gradePieOption(grades: readonly { grade: string; count: number }[], texts: { series: string; unit: (n: number) => string }): Record<string, unknown> {
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent: number }) => `${p.name}: ${texts.unit(p.value)} (${p.percent}%)` },
    legend: { bottom: 0 },
    series: [
      {
        name: texts.series,
        type: 'pie',
        radius: ['38%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: (p: { name: string; value: number }) => `${p.name}  ${p.value}` },
        data: grades.filter((g) => g.count > 0).map((g) => ({ name: g.grade, value: g.count, itemStyle: { color: gradeColour(g.grade) } })),
      },
    ],
  }
}

export interface PartRow {
  label: string
  parts: readonly { part: string; score: number | null }[]
}

/**
 * The stacked bar of the cities' part scores, in the rows' order (the ranking): one series per
 * part (in the system's order), a city's bar adding up to its total.
 */
export function partsBarOption(rows: readonly PartRow[], parts: readonly { part: string; points: number }[], texts: { axis: string }): Record<string, unknown> {
  const many = rows.length > 8
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 40, bottom: many ? 72 : 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: many ? 35 : 0 } },
    yAxis: { type: 'value', name: texts.axis, min: 0, max: Math.max(100, parts.reduce((s, p) => s + p.points, 0)) },
    series: parts.map((p, i) => ({
      name: `${p.part}（${p.points}）`,
      type: 'bar',
      stack: 'total',
      barMaxWidth: 42,
      itemStyle: { color: PART_COLOURS[i % PART_COLOURS.length] },
      data: rows.map((r) => r.parts.find((x) => x.part === p.part)?.score ?? 0),
    })),
  }
}

/** The map's values: each city's total (a city not scored yet counts 0). */
export function mapValues(rows: readonly { city_code: string; city_name: string; total?: number | null }[]): { code: string; name: string; value: number }[] {
  return rows.map((r) => ({ code: r.city_code, name: r.city_name, value: r.total ?? 0 }))
}

/** The map legend's range: from the lowest total (rounded down to ten, at most 60) to 100. */
export function mapRange(values: readonly { value: number }[]): { min: number; max: number } {
  const low = values.length ? Math.min(...values.map((v) => v.value)) : 0
  return { min: Math.min(60, Math.floor(low / 10) * 10), max: 100 }
}

export interface IndicatorScore {
  indicator_id: number
  code: string
  name: string
  points: number
  score?: number | null
  province_mean?: number | null
  weak?: boolean | null
}

/** An indicator with the city's score less the province mean, in points (null while either is missing). */
export type IndicatorGap<T extends IndicatorScore = IndicatorScore> = T & { gap: number | null }

/**
 * A city's indicators against the province mean, the largest shortfall first: the weak ones and,
 * with `all`, the others after them.
 */
export function indicatorGaps<T extends IndicatorScore>(items: readonly T[], all = false): IndicatorGap<T>[] {
  const gap = (i: T) => (i.score != null && i.province_mean != null ? Math.round((i.score - i.province_mean) * 100) / 100 : null)
  return items
    .map((i) => ({ ...i, gap: gap(i) }))
    .filter((i) => all || isWeak(i))
    .sort((a, b) => Number(isWeak(b)) - Number(isWeak(a)) || (a.gap ?? 0) - (b.gap ?? 0) || a.code.localeCompare(b.code))
}

/** Whether an indicator is one of the city's weak ones: as the server marks it, or else below the mean. */
export const isWeak = (i: IndicatorGap): boolean => i.weak ?? (i.gap !== null && i.gap < 0)

/** Each indicator of a city against the province mean, as a share of its points (a grouped bar). */
export function indicatorCompareOption(items: readonly IndicatorGap[], texts: { city: string; mean: string; axis: string }): Record<string, unknown> {
  const share = (v: number | null | undefined, points: number) => (v == null || points <= 0 ? null : Math.round((v / points) * 1000) / 10)
  const rows = [...items].reverse()
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v == null ? '—' : `${v}%`) },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: texts.axis, min: 0, max: 100 },
    yAxis: { type: 'category', data: rows.map((i) => `${i.code} ${i.name.length > 12 ? `${i.name.slice(0, 12)}…` : i.name}`) },
    series: [
      { name: texts.city, type: 'bar', data: rows.map((i) => ({ value: share(i.score, i.points), itemStyle: { color: isWeak(i) ? '#f56c6c' : '#409eff' } })) },
      { name: texts.mean, type: 'bar', itemStyle: { color: '#c0c4cc' }, data: rows.map((i) => share(i.province_mean, i.points)) },
    ],
  }
}

export function remediationStatusType(s: string): TagType {
  return ({ open: 'primary', submitted: 'warning', returned: 'danger', closed: 'success' } as Record<string, TagType>)[s] ?? 'info'
}

export function findingStatusType(s: string): TagType {
  return s === 'open' ? 'warning' : s === 'closed' ? 'success' : 'info'
}

/**
 * What a remediation's status allows: the city reports while it is open or returned, the
 * province reviews a report submitted, and records talks (约谈) until the task is over.
 */
export function remediationSteps(status: string): { report: boolean; review: boolean; talk: boolean } {
  return { report: status === 'open' || status === 'returned', review: status === 'submitted', talk: status === 'open' || status === 'submitted' || status === 'returned' }
}

const DAY_MS = 86_400_000

/** Whole days from `today` to `due` (both YYYY-MM-DD): negative once past. */
export function daysLeft(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
}

/** How a deadline reads on a row the server marks `overdue`: the days past, or the days left. */
export function dueState(row: { due_on: string; overdue: boolean; status: string }, today: string): { kind: 'done' | 'overdue' | 'open'; days: number } {
  const days = daysLeft(row.due_on, today)
  if (row.status === 'closed' || row.status === 'cancelled') return { kind: 'done', days }
  return row.overdue ? { kind: 'overdue', days: Math.max(0, -days) } : { kind: 'open', days }
}
