/**
 * Pure helpers of the programme applications (issue 19): the self-assessment and the scoring
 * sheets over a round's rubric leaves, which steps an application offers to whom, and the
 * conclusion of a surveillance or re-evaluation. The shapes are the parts of the server's views
 * they read (api.ts names the views).
 */

/** A criterion of a round's rubric (tree order; only leaves are scored). */
export interface Criterion {
  code: string
  name?: string | null
  max: number
  parent?: string | null
  leaf: boolean
  depth: number
}

/** One line of a self-assessment or of a scoring sheet. */
export interface ScoreLine {
  criterion: string
  score: number | null
  /** The self-assessment's note, or the score's comment. */
  text: string
}

/** The kinds whose applicants are city governments (a city bureau applies; no city recommendation). */
export const CITY_KINDS = ['benchmark_city', 'demo_zone'] as const
/** The kinds whose applicants are enterprises (recommended by the city first). */
export const ENTERPRISE_KINDS = ['award', 'brand'] as const

export const isCityKind = (kind: string): boolean => (CITY_KINDS as readonly string[]).includes(kind)

/** The leaves of a rubric, in tree order. */
export function leaves<C extends Criterion>(criteria: readonly C[]): C[] {
  return criteria.filter((c) => c.leaf)
}

/** The sum of the leaves' maxima. */
export function maxTotal(criteria: readonly Criterion[]): number {
  return round1(leaves(criteria).reduce((n, c) => n + c.max, 0))
}

const round1 = (n: number) => Math.round(n * 10) / 10

/** One line per leaf, keeping what `given` already holds for it. */
export function linesFor(criteria: readonly Criterion[], given: readonly { criterion: string; score: number; note?: string | null; comment?: string | null }[] = []): ScoreLine[] {
  const byCode = new Map(given.map((g) => [g.criterion, g]))
  return leaves(criteria).map((c) => {
    const g = byCode.get(c.code)
    return { criterion: c.code, score: g ? g.score : null, text: g ? (g.note ?? g.comment ?? '') : '' }
  })
}

/** The total of the lines scored so far (one decimal). */
export function total(lines: readonly ScoreLine[]): number {
  return round1(lines.reduce((n, l) => n + (l.score ?? 0), 0))
}

export type LineProblem = { criterion: string; problem: 'missing' | 'range' | 'text' }

/**
 * The first problem of a sheet: a leaf without a score, a score outside 0–max, or (when `textRequired`,
 * the consensus and site-visit sheets) a line without its comment. A `partial` sheet (the site
 * visit, which corrects the consensus where it verified) needs only one scored leaf. Null when
 * the sheet is complete.
 */
export function sheetProblem(criteria: readonly Criterion[], lines: readonly ScoreLine[], textRequired = false, partial = false): LineProblem | null {
  const byCode = new Map(lines.map((l) => [l.criterion, l]))
  const all = leaves(criteria)
  const scored = (l: ScoreLine | undefined) => !!l && l.score !== null && !Number.isNaN(l.score)
  if (partial && all.length && !all.some((c) => scored(byCode.get(c.code)))) return { criterion: all[0].code, problem: 'missing' }
  for (const c of all) {
    const l = byCode.get(c.code)
    if (!l || !scored(l)) {
      if (partial) continue
      return { criterion: c.code, problem: 'missing' }
    }
    if (l.score === null) continue
    if (l.score < 0 || l.score > c.max) return { criterion: c.code, problem: 'range' }
    if (textRequired && !l.text.trim()) return { criterion: c.code, problem: 'text' }
  }
  return null
}

/** The self-assessment as the server takes it (lines without a score left out). */
export function selfAssessmentBody(lines: readonly ScoreLine[]): { criterion: string; score: number; note: string }[] {
  return lines.filter((l) => l.score !== null).map((l) => ({ criterion: l.criterion, score: l.score as number, note: l.text.trim() }))
}

/** A scoring sheet as the server takes it. */
export function scoreItems(lines: readonly ScoreLine[]): { criterion: string; score: number; comment: string }[] {
  return lines.filter((l) => l.score !== null).map((l) => ({ criterion: l.criterion, score: l.score as number, comment: l.text.trim() }))
}

/** The statuses in which the applicant may still change and submit the application. */
export const EDITABLE = ['draft', 'returned'] as const
export const isEditable = (status: string): boolean => (EDITABLE as readonly string[]).includes(status)

/** The city recommends (or returns) an enterprise's submitted application. */
export const mayRecommend = (a: { kind: string; status: string }): boolean => !isCityKind(a.kind) && a.status === 'submitted'

/**
 * The province checks eligibility: an enterprise's application once the city recommended it, a
 * city's once submitted; a check may be corrected while the application is still eligible or not.
 */
export const mayCheck = (a: { kind: string; status: string }): boolean =>
  a.status === 'recommended' || a.status === 'eligible' || a.status === 'ineligible' || (isCityKind(a.kind) && a.status === 'submitted')

/**
 * Whether the province has checked eligibility: before that the application's items carry no
 * decision (the server lists them all, none passed).
 */
export const isChecked = (status: string): boolean => !['draft', 'submitted', 'returned', 'recommended'].includes(status)

/** An eligibility check being entered: every item of the round, with what was decided so far. */
export interface CheckLine {
  code: string
  text: string
  passed: boolean
  reason: string
}

export function checkLines(items: readonly { code: string; text?: string | null }[], decided: readonly { code: string; passed: boolean; reason?: string | null }[] = []): CheckLine[] {
  const byCode = new Map(decided.map((d) => [d.code, d]))
  return items.map((i) => {
    const d = byCode.get(i.code)
    return { code: i.code, text: i.text ?? '', passed: d ? d.passed : true, reason: d?.reason ?? '' }
  })
}

/** The code of the first failed item without a reason, or null. */
export function checkProblem(lines: readonly CheckLine[]): string | null {
  return lines.find((l) => !l.passed && !l.reason.trim())?.code ?? null
}

/** Whether the check's outcome is eligible (every item passed). */
export const allPassed = (lines: readonly CheckLine[]): boolean => lines.every((l) => l.passed)

/** The tag colour of an application's status. */
export function statusType(status: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (status) {
    case 'awarded':
    case 'eligible':
    case 'shortlisted':
      return 'success'
    case 'nominated':
    case 'recommended':
    case 'submitted':
      return 'primary'
    case 'returned':
      return 'warning'
    case 'ineligible':
    case 'not_shortlisted':
    case 'not_awarded':
    case 'withdrawn':
      return 'danger'
    default:
      return 'info'
  }
}

/** The tag colour of a term's (or a certificate's) status. */
export function termType(status: string): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (status) {
    case 'active':
    case 'kept':
      return 'success'
    case 'remediating':
    case 'remediate':
    case 'open':
      return 'warning'
    case 'revoked':
      return 'danger'
    default:
      return 'info'
  }
}

/** What a conclusion needs: a note always, a deadline after today when remediation is ordered. */
export function conclusionProblem(c: { outcome: string; note: string; deadline: string | null }, today: string): 'note' | 'deadline' | null {
  if (!c.note.trim()) return 'note'
  if (c.outcome === 'remediate' && (!c.deadline || c.deadline <= today)) return 'deadline'
  return null
}

/** A verification code as typed: spaces dropped (the code itself is kept as printed). */
export const normaliseCode = (raw: string): string => raw.replace(/\s+/g, '')

/** The kinds an organisation may apply for: an enterprise the award and the brand, a city bureau the city programmes. */
export function kindsFor(orgKind: string | null | undefined): readonly string[] {
  if (orgKind === 'enterprise') return ENTERPRISE_KINDS
  if (orgKind === 'city_bureau') return CITY_KINDS
  return [...ENTERPRISE_KINDS, ...CITY_KINDS]
}
