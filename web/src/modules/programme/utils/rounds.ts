/**
 * Pure helpers of the rounds' pages: which step a round offers, its rubric as a tree, the agreement
 * figures in words, the reviewers' totals read back from the round's scores.csv (the review
 * engine's input) for the chart, and the shortlist's quota check.
 */

export const ROUND_FLOW = ['draft', 'open', 'review', 'notice', 'decided'] as const
const STAGE_ORDER = ['independent', 'consensus', 'site_visit', 'closed'] as const

/** The step bar's position: the status's index; the last step counts as done once decided. */
export function flowIndex(status: string): number {
  const i = (ROUND_FLOW as readonly string[]).indexOf(status)
  return status === 'decided' ? ROUND_FLOW.length : Math.max(0, i)
}

/** The stage locking the current one opens (`null` once closed). */
export function nextStage(stage: string): string | null {
  const i = (STAGE_ORDER as readonly string[]).indexOf(stage)
  return i >= 0 && i < STAGE_ORDER.length - 1 ? STAGE_ORDER[i + 1] : null
}

/** The stages with scores a round has reached (for the analysis): those before or at its stage. */
export function scoredStages(stage: string): string[] {
  const i = (STAGE_ORDER as readonly string[]).indexOf(stage)
  const reached = i < 0 ? 1 : Math.min(i + 1, 3)
  return STAGE_ORDER.slice(0, reached) as unknown as string[]
}

export interface RoundState {
  status: string
  stage: string
  notice_until?: string | null
  objections_open: number
}

/** The steps of a round's state (the server decides; these are the buttons shown). */
export function roundSteps(r: RoundState, today: string) {
  const review = r.status === 'review'
  const noticeOver = r.status === 'notice' && !!r.notice_until && today > r.notice_until
  return {
    edit: r.status === 'draft' || r.status === 'open',
    open: r.status === 'draft',
    close: r.status === 'open',
    assign: review && r.stage === 'independent',
    lock: review && r.stage !== 'closed',
    shortlist: review && r.stage === 'closed',
    decide: r.status === 'notice',
    /** Why deciding waits (the button is shown, disabled): the notice runs or objections are open. */
    decideWaits: r.status !== 'notice' ? null : !noticeOver ? ('notice' as const) : r.objections_open > 0 ? ('objections' as const) : null,
  }
}

export interface CriterionRow {
  code: string
  name?: string | null
  max: number
  parent?: string | null
  leaf: boolean
  depth: number
}
export type CriterionNode<C extends CriterionRow> = C & { children?: CriterionNode<C>[] }

/** The criteria (tree order, parents first) as nested rows for a tree table. */
export function criteriaTree<C extends CriterionRow>(criteria: readonly C[]): CriterionNode<C>[] {
  const byCode = new Map<string, CriterionNode<C>>()
  const roots: CriterionNode<C>[] = []
  for (const c of criteria) {
    const node: CriterionNode<C> = { ...c }
    byCode.set(c.code, node)
    const parent = c.parent ? byCode.get(c.parent) : undefined
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}

/** The rubric's total: the sum of its leaves' points. */
export const leafTotal = (criteria: readonly CriterionRow[]): number => round2(criteria.filter((c) => c.leaf).reduce((s, c) => s + c.max, 0))

export type AgreementLevel = 'poor' | 'moderate' | 'good' | 'excellent' | 'none'

/** An ICC in words (Koo & Li 2016: < 0.5 poor, < 0.75 moderate, < 0.9 good, else excellent). */
export function iccLevel(icc: number | null | undefined): AgreementLevel {
  if (icc === null || icc === undefined || Number.isNaN(icc)) return 'none'
  return icc < 0.5 ? 'poor' : icc < 0.75 ? 'moderate' : icc < 0.9 ? 'good' : 'excellent'
}

/** Kendall's W in words (Schmidt 1997, roughly: < 0.3 weak, < 0.5 moderate, < 0.7 strong, else very strong). */
export function kendallLevel(w: number | null | undefined): AgreementLevel {
  if (w === null || w === undefined || Number.isNaN(w)) return 'none'
  return w < 0.3 ? 'poor' : w < 0.5 ? 'moderate' : w < 0.7 ? 'good' : 'excellent'
}

/** A figure with `digits` decimals, `—` when there is none. */
export const fixed = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(digits))
const round2 = (x: number) => Math.round(x * 100) / 100

/** One CSV line's fields (quotes as in RFC 4180; the codes have none, but a name might). */
export function csvFields(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"'
        i++
      } else if (ch === '"') quoted = false
      else cur += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      out.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  out.push(cur.trim())
  return out
}

/** A reviewer's total for an application: the sum of their leaf scores (as the engine sums). */
export interface ReviewerTotal {
  application: string
  reviewer: string
  total: number
}

/**
 * The reviewers' totals of one stage from the scores CSV (`application,reviewer,criterion,score,stage`,
 * columns found by name; rows without a stage column are `independent`), in order of first appearance.
 */
export function reviewerTotals(csv: string, stage = 'independent'): ReviewerTotal[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '')
  if (!lines.length) return []
  const head = csvFields(lines[0]).map((h) => h.toLowerCase())
  const col = (name: string) => head.indexOf(name)
  const [a, r, s, st] = [col('application'), col('reviewer'), col('score'), col('stage')]
  if (a < 0 || r < 0 || s < 0) return []
  const sums = new Map<string, ReviewerTotal>()
  for (const line of lines.slice(1)) {
    const f = csvFields(line)
    if ((st >= 0 ? f[st] || 'independent' : 'independent') !== stage) continue
    const score = Number(f[s])
    if (f[s] === '' || !Number.isFinite(score)) continue
    const key = `${f[a]}\u0000${f[r]}`
    const t = sums.get(key) ?? { application: f[a], reviewer: f[r], total: 0 }
    t.total += score
    sums.set(key, t)
  }
  return [...sums.values()].map((t) => ({ ...t, total: round2(t.total) }))
}

/** Quantile of sorted values by linear interpolation (type 7, as R and numpy by default). */
export function quantile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN
  const h = (sorted.length - 1) * p
  const lo = Math.floor(h)
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]) - sorted[lo])
}

/** A boxplot's five figures: min, lower quartile, median, upper quartile, max. */
export function fiveNumbers(values: readonly number[]): [number, number, number, number, number] {
  const v = [...values].sort((x, y) => x - y)
  return [v[0], quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), v[v.length - 1]].map(round2) as [number, number, number, number, number]
}

/** The CLI command that reproduces the analysis from the two downloads. */
export function reproduceCommand(stage: string): string {
  const base = 'longzhi engine review --scores scores.csv --rubric rubric.toml'
  return stage === 'independent' ? base : `${base} --stage ${stage}`
}

export type Choice = 'winner' | 'nomination' | ''

/** What the shortlist breaks: too many winners or nominations (`null`: within the quotas). */
export function quotaProblem(choices: Record<number, Choice>, winnersQuota: number, nominationsQuota: number): 'winners' | 'nominations' | null {
  const vals = Object.values(choices)
  if (vals.filter((c) => c === 'winner').length > winnersQuota) return 'winners'
  if (vals.filter((c) => c === 'nomination').length > nominationsQuota) return 'nominations'
  return null
}

/** The shortlist's body from the choices. */
export function shortlistOf(choices: Record<number, Choice>): { winners: number[]; nominations: number[] } {
  const ids = (c: Choice) => Object.entries(choices).filter(([, v]) => v === c).map(([k]) => Number(k))
  return { winners: ids('winner'), nominations: ids('nomination') }
}

/**
 * The first choices offered: the best-ranked standings (with a final score) as winners up to the
 * quota, the next as nominations up to theirs.
 */
export function suggestChoices(standings: readonly { application_id: number; final_score?: number | null; rank?: number | null }[], winnersQuota: number, nominationsQuota: number): Record<number, Choice> {
  const ranked = standings.filter((s) => s.final_score !== null && s.final_score !== undefined).sort((x, y) => (x.rank ?? Infinity) - (y.rank ?? Infinity) || (y.final_score ?? 0) - (x.final_score ?? 0))
  const out: Record<number, Choice> = {}
  for (const s of standings) out[s.application_id] = ''
  ranked.forEach((s, i) => {
    out[s.application_id] = i < winnersQuota ? 'winner' : i < winnersQuota + nominationsQuota ? 'nomination' : ''
  })
  return out
}
