/**
 * Quality awards and brands (issue 19): the module's calls and the names of their schemas, all
 * from the server's OpenAPI document (src/api/schema.d.ts). Sections: rounds and their review,
 * experts, applications, objections, terms, public pages.
 */
import { api, ok } from '@/api/http'
import type { paths } from '@/api/schema'
import type { Schemas } from '@/api/types'

type BodyOf<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }

// ---------------------------------------------------------------------------------------------
// Values the document gives only as strings: the console's lists of them, for choices and labels
// (crates/modules/programme/src).

/** The four programmes: 省政府质量奖, 陇字号品牌认证, 质量标杆城市, 质量品牌提升示范区. */
export const KINDS = ['award', 'brand', 'benchmark_city', 'demo_zone'] as const
export type Kind = (typeof KINDS)[number]
export const ROUND_STATUSES = ['draft', 'open', 'review', 'notice', 'decided'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]
/** The review stages, in order; `closed` once the site visit is locked. */
export const STAGES = ['independent', 'consensus', 'site_visit', 'closed'] as const
export type Stage = (typeof STAGES)[number]
/** The stages that carry scores (analysis, scores.csv). */
export const SCORED_STAGES = ['independent', 'consensus', 'site_visit'] as const
export type ScoredStage = (typeof SCORED_STAGES)[number]
export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'returned', 'recommended', 'eligible', 'ineligible', 'shortlisted', 'not_shortlisted', 'awarded', 'nominated', 'not_awarded', 'withdrawn',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]
export const OUTCOMES = ['winner', 'nomination'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const TERM_STATUSES = ['active', 'remediating', 'revoked', 'expired'] as const
export const OBJECTION_STATUSES = ['received', 'upheld', 'dismissed'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]
/** Reviews of a term: yearly surveillance (brand) and the re-evaluation before the term ends. */
export const REVIEWS = ['surveillance', 're_evaluation'] as const
export const TERM_REVIEW_STATUSES = ['open', 'kept', 'remediate', 'revoked'] as const
/** The publicity period (公示) in working days: at least 5. */
export const NOTICE_DAYS_MIN = 5
/** Score bands of the standings (1 best … 6). */
export const BANDS = [1, 2, 3, 4, 5, 6] as const

// ---------------------------------------------------------------------------------------------
// Rounds and their review (RoundList, RoundDetail).

export type RoundView = Schemas['ProgrammeRoundView']
export type RoundInput = Schemas['ProgrammeRoundInput']
export type Criterion = RoundView['criteria'][number]
export type EligibilityItem = RoundView['eligibility'][number]
export type Template = Schemas['ProgrammeTemplate']
export type Assignment = Schemas['ProgrammeAssignment']
export type Panel = Assignment['panels'][number]
export type Analysis = Schemas['ProgrammeAnalysis']
export type Standing = Analysis['standings'][number]
/**
 * The analysis's `report`: exactly the JSON of `longzhi engine review` (docs/engines/review.md,
 * crates/engines/review/src/report.rs), which the document gives only as an object — per
 * application (by blind code, in rank order), the panel's agreement, the reviewers (by code).
 */
export interface ReviewReport {
  applications: {
    application: string; n_reviewers: number; total_mean: number; total_median: number; total_trimmed: number; total_sd: number | null
    total_min: number; total_max: number; rank: number; rank_loo_best: number; rank_loo_worst: number
  }[]
  agreement: {
    design: 'complete' | 'incomplete'; n_applications: number; n_reviewers: number; mean_ratings_per_application: number
    icc1: number | null; icc2_1: number | null; icc2_k: number | null; icc3_1: number | null; icc3_k: number | null
    kendall_w: number | null; kendall_chi2: number | null; kendall_df: number | null; kendall_p: number | null; note: string | null
  }
  /** Reviewers with |z| > 3.5. */
  outlier_reviewers: { reviewer: string; d: number; z: number }[]
  reviewers: {
    reviewer: string; n_applications: number; d: number; z: number | null
    loo_dropped_applications: number; loo_max_rank_change: number; loo_rank_changes: number; loo_spearman: number | null
  }[]
}
/** The engine's report of an analysis (null while the stage has no scores). */
export const reportOf = (a: Analysis): ReviewReport | null => (a.report ? (a.report as unknown as ReviewReport) : null)
/** The reviewer code of the panel's own scores (consensus, site visit) in scores.csv. */
export const PANEL_REVIEWER = 'panel'
export type RoundFilters = QueryOf<'/api/v1/programme/rounds'>
export type ShortlistBody = BodyOf<'/api/v1/programme/rounds/{id}/shortlist', 'post'>

/** Collection paths of the list kit. */
export const ROUNDS_PATH = '/api/v1/programme/rounds'
export const EXPERTS_PATH = '/api/v1/programme/experts'
export const APPLICATIONS_PATH = '/api/v1/programme/applications'
export const OBJECTIONS_PATH = '/api/v1/programme/objections'
export const TERMS_PATH = '/api/v1/programme/terms'

export const roundApi = {
  rounds: (query: RoundFilters = {}) => ok(api.GET('/api/v1/programme/rounds', { params: { query: { page_size: 100, ...query } } })),
  round: (roundId: number) => ok(api.GET('/api/v1/programme/rounds/{id}', { params: id(roundId) })),
  /** A kind's default rubric (TOML), its criteria, eligibility items and defaults, for a new round. */
  template: (kind: Kind) => ok(api.GET('/api/v1/programme/templates/{kind}', { params: { path: { kind } } })),
  create: (body: RoundInput) => ok(api.POST('/api/v1/programme/rounds', { body })),
  /** Draft: every field; open: the name and dates only. */
  update: (roundId: number, body: RoundInput) => ok(api.PUT('/api/v1/programme/rounds/{id}', { params: id(roundId), body })),
  /** draft → open. */
  open: (roundId: number, version: number) => ok(api.POST('/api/v1/programme/rounds/{id}/open', { params: id(roundId), body: { version } })),
  /** open → review (needs an eligible application; `programme:round:review`). */
  close: (roundId: number, version: number) => ok(api.POST('/api/v1/programme/rounds/{id}/close', { params: id(roundId), body: { version } })),
  /** Panels for every eligible application still short of reviewers, by the review engine. */
  assign: (roundId: number, version: number) => ok(api.POST('/api/v1/programme/rounds/{id}/assign', { params: id(roundId), body: { version } })),
  /** Locks the current stage (independent → consensus → site_visit → closed). */
  lock: (roundId: number, version: number) => ok(api.POST('/api/v1/programme/rounds/{id}/lock', { params: id(roundId), body: { version } })),
  /** Winners and nominations within the quotas → notice. */
  shortlist: (roundId: number, body: ShortlistBody) => ok(api.POST('/api/v1/programme/rounds/{id}/shortlist', { params: id(roundId), body })),
  /** Notice over, no objection open → decided (certificates issued). */
  decide: (roundId: number, version: number) => ok(api.POST('/api/v1/programme/rounds/{id}/decide', { params: id(roundId), body: { version } })),
  analysis: (roundId: number, stage: ScoredStage) => ok(api.GET('/api/v1/programme/rounds/{id}/analysis', { params: { path: { id: roundId }, query: { stage } } })),
  /** The engine's files, for `saveDownload`. */
  /** Every stage's scores (`application,reviewer,criterion,score,stage`). */
  scoresCsv: (roundId: number) => api.GET('/api/v1/programme/rounds/{id}/scores.csv', { params: id(roundId), ...blob }),
  rubricToml: (roundId: number) => api.GET('/api/v1/programme/rounds/{id}/rubric.toml', { params: id(roundId), ...blob }),
  /** The applications and results (xlsx). */
  export: (roundId: number) => api.GET('/api/v1/programme/rounds/{id}/export', { params: id(roundId), ...blob }),
}

// ---------------------------------------------------------------------------------------------
// Experts (ExpertList).

export type ExpertView = Schemas['ProgrammeExpertView']
export type ExpertInput = Schemas['ProgrammeExpertInput']
export type ExpertRelation = ExpertView['relations'][number]

export const expertApi = {
  create: (body: ExpertInput) => ok(api.POST('/api/v1/programme/experts', { body })),
  update: (expertId: number, body: ExpertInput) => ok(api.PUT('/api/v1/programme/experts/{id}', { params: id(expertId), body })),
}

// ---------------------------------------------------------------------------------------------
// Applications (ApplicationList, ApplicationDetail).

export type ApplicationView = Schemas['ProgrammeApplicationView']
export type ApplicationFilters = QueryOf<'/api/v1/programme/applications'>
export type ApplicationInput = BodyOf<'/api/v1/programme/applications', 'post'>
export type ApplicationUpdate = BodyOf<'/api/v1/programme/applications/{id}', 'put'>
export type RecommendBody = BodyOf<'/api/v1/programme/applications/{id}/recommend', 'post'>
export type CheckBody = BodyOf<'/api/v1/programme/applications/{id}/check', 'post'>
/** An expert who may review an application, with their load and conflicts of interest. */
export type Candidate = Schemas['ProgrammeCandidate']
/** The scoring sheets of an application (the province: all; an expert: their own). */
export type ScoresView = Schemas['ProgrammeScores']
export type ScoreInput = Schemas['ProgrammeScoreInput']

export const applicationApi = {
  application: (applicationId: number) => ok(api.GET('/api/v1/programme/applications/{id}', { params: id(applicationId) })),
  /** A draft of the caller's organisation in an open round. */
  create: (body: ApplicationInput) => ok(api.POST('/api/v1/programme/applications', { body })),
  /** Changes a draft or a returned application. */
  update: (applicationId: number, body: ApplicationUpdate) => ok(api.PUT('/api/v1/programme/applications/{id}', { params: id(applicationId), body })),
  /** Within the round's dates, every leaf self-assessed. */
  submit: (applicationId: number, version: number) => ok(api.POST('/api/v1/programme/applications/{id}/submit', { params: id(applicationId), body: { version } })),
  /** The applicant's city: recommend to the province or return to the applicant. */
  recommend: (applicationId: number, body: RecommendBody) => ok(api.POST('/api/v1/programme/applications/{id}/recommend', { params: id(applicationId), body })),
  /** The province's eligibility check, item by item. */
  check: (applicationId: number, body: CheckBody) => ok(api.POST('/api/v1/programme/applications/{id}/check', { params: id(applicationId), body })),
  candidates: (applicationId: number) => ok(api.GET('/api/v1/programme/applications/{id}/candidates', { params: id(applicationId) })),
  addReviewers: (applicationId: number, expertIds: number[], version: number) =>
    ok(api.POST('/api/v1/programme/applications/{id}/reviewers', { params: id(applicationId), body: { expert_ids: expertIds, version } })),
  scores: (applicationId: number) => ok(api.GET('/api/v1/programme/applications/{id}/scores', { params: id(applicationId) })),
  saveScores: (applicationId: number, body: ScoreInput) => ok(api.PUT('/api/v1/programme/applications/{id}/scores', { params: id(applicationId), body })),
  /** The certificate (PDF) of an award or a nomination, for `saveDownload`. */
  certificate: (applicationId: number) => api.GET('/api/v1/programme/applications/{id}/certificate', { params: id(applicationId), ...blob }),
  /** An award's winner or nomination forwarded to the China Quality Award. */
  forward: (applicationId: number, note: string, version: number) => ok(api.POST('/api/v1/programme/applications/{id}/forward', { params: id(applicationId), body: { note, version } })),
}

// ---------------------------------------------------------------------------------------------
// Objections (RoundDetail).

export type ObjectionView = Schemas['ProgrammeObjectionView']
export type ObjectionHandle = BodyOf<'/api/v1/programme/objections/{id}/handle', 'post'>

export const objectionApi = {
  objections: (roundId: number) => ok(api.GET('/api/v1/programme/objections', { params: { query: { round_id: roundId, page_size: 100 } } })),
  handle: (objectionId: number, body: ObjectionHandle) => ok(api.POST('/api/v1/programme/objections/{id}/handle', { params: id(objectionId), body })),
}

// ---------------------------------------------------------------------------------------------
// Terms (TermList).

export type TermView = Schemas['ProgrammeTermView']
export type TermFilters = QueryOf<'/api/v1/programme/terms'>
export type ConcludeBody = BodyOf<'/api/v1/programme/terms/{id}/conclude', 'post'>
/** The conclusions of a surveillance or re-evaluation. */
export const TERM_OUTCOMES = ['keep', 'remediate', 'revoke'] as const

export const termApi = {
  conclude: (termId: number, body: ConcludeBody) => ok(api.POST('/api/v1/programme/terms/{id}/conclude', { params: id(termId), body })),
}

// ---------------------------------------------------------------------------------------------
// Public pages (no login).

export type PublicHonour = Schemas['PublicHonour']
export type PublicNotice = Schemas['PublicNotice']
export type PublicNoticeEntry = PublicNotice['entries'][number]
export type CertificateCheck = Schemas['CertificateCheck']
export type HonourFilters = QueryOf<'/api/v1/public/programme/honours'>
export type ObjectionInput = BodyOf<'/api/v1/public/programme/objections', 'post'>

export const publicProgrammeApi = {
  honours: (query: HonourFilters) => ok(api.GET('/api/v1/public/programme/honours', { params: { query } })),
  /** The shortlists under public notice now. */
  notices: () => ok(api.GET('/api/v1/public/programme/notices')),
  /** 404 for an unknown code. */
  certificate: (code: string) => ok(api.GET('/api/v1/public/programme/certificates/{code}', { params: { path: { code } } })),
  objection: (body: ObjectionInput) => ok(api.POST('/api/v1/public/programme/objections', { body })),
}
