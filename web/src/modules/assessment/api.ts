/**
 * Assessment of the city governments' quality work (质量工作考核, issue 20): the module's calls
 * and the names of their schemas, all from the server's OpenAPI document (src/api/schema.d.ts;
 * docs/guide/assessment-api.md). Sections: years and their indicator system, self-evaluations,
 * scoring, results, remediation and talks, national feedback.
 */
import { api, ok } from '@/api/http'
import type { paths } from '@/api/schema'
import type { Schemas } from '@/api/types'

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }

// ---------------------------------------------------------------------------------------------
// Values the document gives only as strings: the console's lists of them, for choices and labels
// (crates/modules/assessment/src).

/** draft → self_evaluation → scoring → published (reopening goes back to scoring). */
export const YEAR_STATUSES = ['draft', 'self_evaluation', 'scoring', 'published'] as const
export type YearStatus = (typeof YEAR_STATUSES)[number]
export const EVALUATION_STATUSES = ['draft', 'submitted'] as const
export const REMEDIATION_REASONS = ['bottom', 'failing', 'bottom_failing'] as const
export const REMEDIATION_STATUSES = ['open', 'submitted', 'returned', 'closed', 'cancelled'] as const
export const FINDING_STATUSES = ['open', 'closed'] as const
/** An indicator system must add up to this many points before the year opens. */
export const POINTS_TOTAL = 100

// ---------------------------------------------------------------------------------------------
// Years, their settings and indicator system (YearList, YearDetail).

export type YearView = Schemas['AssessmentYearView']
export type YearInput = Schemas['AssessmentYearInput']
export type Grade = Schemas['AssessmentGrade']
export type City = Schemas['AssessmentCity']
export type Progress = Schemas['AssessmentProgress']
export type VersionInput = Schemas['AssessmentVersionInput']
export type ReopenInput = Schemas['AssessmentReopenInput']
export type Department = Schemas['AssessmentDepartment']
export type IndicatorView = Schemas['AssessmentIndicatorView']
export type IndicatorInput = Schemas['AssessmentIndicatorInput']

/** Collection paths of the list kit. */
export const YEARS_PATH = '/api/v1/assessment/years'
export const EVALUATIONS_PATH = '/api/v1/assessment/evaluations'
export const REMEDIATIONS_PATH = '/api/v1/assessment/remediations'
export const FINDINGS_PATH = '/api/v1/assessment/findings'
/** The indicators of a year: the import dialog posts to `<this>/import`. */
export const indicatorsPath = (yearId: number) => `/api/v1/assessment/years/${yearId}/indicators`
/** The import template of a year's indicators (the import dialog downloads it). */
export const indicatorTemplatePath = (yearId: number) => `${indicatorsPath(yearId)}/template`

const step = (path: '/api/v1/assessment/years/{id}/open' | '/api/v1/assessment/years/{id}/close' | '/api/v1/assessment/years/{id}/publish') => (yearId: number, version: number) =>
  ok(api.POST(path, { params: id(yearId), body: { version } }))

export const yearApi = {
  /** Newest first; the selects' list (a hundred years is every year). */
  years: () => ok(api.GET('/api/v1/assessment/years', { params: { query: { page_size: 100 } } })),
  year: (yearId: number) => ok(api.GET('/api/v1/assessment/years/{id}', { params: id(yearId) })),
  /** Indicators copied from `from_year`, else the latest year, else the built-in system. */
  create: (body: YearInput) => ok(api.POST('/api/v1/assessment/years', { body })),
  /** Draft: every setting; in self-evaluation: the title and the deadline only. */
  update: (yearId: number, body: YearInput) => ok(api.PUT('/api/v1/assessment/years/{id}', { params: id(yearId), body })),
  /** The organisations that can score an indicator (the province's departments). */
  departments: () => ok(api.GET('/api/v1/assessment/departments')),
  /** draft → self_evaluation (the points must total 100). */
  open: step('/api/v1/assessment/years/{id}/open'),
  /** self_evaluation → scoring. */
  close: step('/api/v1/assessment/years/{id}/close'),
  /** scoring → published (every item scored). */
  publish: step('/api/v1/assessment/years/{id}/publish'),
  /** published → scoring, with the reason (audited). */
  reopen: (yearId: number, body: ReopenInput) => ok(api.POST('/api/v1/assessment/years/{id}/reopen', { params: id(yearId), body })),
}

export const indicatorApi = {
  indicators: (yearId: number) => ok(api.GET('/api/v1/assessment/years/{id}/indicators', { params: id(yearId) })),
  create: (yearId: number, body: IndicatorInput) => ok(api.POST('/api/v1/assessment/years/{id}/indicators', { params: id(yearId), body })),
  update: (indicatorId: number, body: IndicatorInput) => ok(api.PUT('/api/v1/assessment/indicators/{id}', { params: id(indicatorId), body })),
  remove: (indicatorId: number) => ok(api.DELETE('/api/v1/assessment/indicators/{id}', { params: id(indicatorId) })),
  /** The indicator system (xlsx), for `saveDownload`. */
  export: (yearId: number) => api.GET('/api/v1/assessment/years/{id}/indicators/export', { params: id(yearId), ...blob }),
}

// ---------------------------------------------------------------------------------------------
// Self-evaluations (EvaluationList, EvaluationDetail).

export type EvaluationView = Schemas['AssessmentEvaluationView']
export type EvaluationDetail = Schemas['AssessmentEvaluationDetail']
export type ItemView = Schemas['AssessmentItemView']
export type EvaluationInput = Schemas['AssessmentEvaluationInput']
export type ClaimInput = Schemas['AssessmentClaimInput']
export type VetoInput = Schemas['AssessmentVetoInput']
export type EvaluationFilters = QueryOf<'/api/v1/assessment/evaluations'>

export const evaluationApi = {
  /** A year's self-evaluations at once (a year assesses at most the 14 prefectures and a few areas). */
  evaluations: (query: EvaluationFilters = {}) => ok(api.GET('/api/v1/assessment/evaluations', { params: { query: { page_size: 100, ...query } } })),
  evaluation: (evaluationId: number) => ok(api.GET('/api/v1/assessment/evaluations/{id}', { params: id(evaluationId) })),
  /** The city's draft, before the deadline; `claimed` 0 … points. */
  update: (evaluationId: number, body: EvaluationInput) => ok(api.PUT('/api/v1/assessment/evaluations/{id}', { params: id(evaluationId), body })),
  /** Every claim filled. */
  submit: (evaluationId: number, version: number) => ok(api.POST('/api/v1/assessment/evaluations/{id}/submit', { params: id(evaluationId), body: { version } })),
  /** The province, while the year is scored: veto (with the reason) or lift it. */
  veto: (evaluationId: number, body: VetoInput) => ok(api.POST('/api/v1/assessment/evaluations/{id}/veto', { params: id(evaluationId), body })),
  /** One row per city and indicator (xlsx). */
  export: (yearId: number) => api.GET('/api/v1/assessment/evaluations/export', { params: { query: { year_id: yearId } }, ...blob }),
}

// ---------------------------------------------------------------------------------------------
// Scoring by the province's departments (ScoringPage).

export type ScoringRow = Schemas['AssessmentScoringRow']
export type ScoresInput = Schemas['AssessmentScoresInput']
export type ScoreInput = Schemas['AssessmentScoreInput']
export type ScoringFilters = QueryOf<'/api/v1/assessment/years/{id}/scoring'>

export const scoringApi = {
  /** A department: its indicators' rows; the province: all (`mine` for its own). */
  rows: (yearId: number, query: ScoringFilters = {}) => ok(api.GET('/api/v1/assessment/years/{id}/scoring', { params: { path: { id: yearId }, query } })),
  /** A comment is required when points are deducted (`items[n].comment`). */
  save: (yearId: number, body: ScoresInput) => ok(api.PUT('/api/v1/assessment/years/{id}/scores', { params: id(yearId), body })),
}

// ---------------------------------------------------------------------------------------------
// Results (ResultsPage).

export type Results = Schemas['AssessmentResults']
export type ResultRow = Schemas['AssessmentResultRow']
export type GradeCount = Schemas['AssessmentGradeCount']
export type PartPoints = Schemas['AssessmentPartPoints']
export type PartScore = Schemas['AssessmentPartScore']
export type IndicatorMean = Schemas['AssessmentIndicatorMean']

export const resultApi = {
  /** Before publication: the province's provisional figures; anybody else `assessment.not_published`. */
  results: (yearId: number) => ok(api.GET('/api/v1/assessment/years/{id}/results', { params: id(yearId) })),
  /** The ranking (xlsx). */
  export: (yearId: number) => api.GET('/api/v1/assessment/years/{id}/results/export', { params: id(yearId), ...blob }),
  /** The 通报 (PDF), once published. */
  notification: (yearId: number) => api.GET('/api/v1/assessment/years/{id}/notification', { params: id(yearId), ...blob }),
}

// ---------------------------------------------------------------------------------------------
// Remediation (整改) and follow-up talks (约谈) (RemediationList, RemediationDetail).

export type RemediationView = Schemas['AssessmentRemediationView']
export type TalkView = Schemas['AssessmentTalkView']
export type ReportInput = Schemas['AssessmentReportInput']
export type ReviewInput = Schemas['AssessmentReviewInput']
export type TalkInput = Schemas['AssessmentTalkInput']

export const remediationApi = {
  remediation: (remediationId: number) => ok(api.GET('/api/v1/assessment/remediations/{id}', { params: id(remediationId) })),
  /** The city: open / returned → submitted. */
  report: (remediationId: number, body: ReportInput) => ok(api.POST('/api/v1/assessment/remediations/{id}/report', { params: id(remediationId), body })),
  /** The province closes or returns (a note is required to return). */
  review: (remediationId: number, body: ReviewInput) => ok(api.POST('/api/v1/assessment/remediations/{id}/review', { params: id(remediationId), body })),
  /** A follow-up talk the province held. */
  talk: (remediationId: number, body: TalkInput) => ok(api.POST('/api/v1/assessment/remediations/{id}/talks', { params: id(remediationId), body })),
}

// ---------------------------------------------------------------------------------------------
// National feedback (国家考核反馈问题) (FindingList).

export type FindingView = Schemas['AssessmentFindingView']
export type FindingInput = Schemas['AssessmentFindingInput']
export type FindingProgressInput = Schemas['AssessmentFindingProgressInput']
export type FindingCloseInput = Schemas['AssessmentFindingCloseInput']

export const findingApi = {
  create: (body: FindingInput) => ok(api.POST('/api/v1/assessment/findings', { body })),
  /** Open findings only. */
  update: (findingId: number, body: FindingInput) => ok(api.PUT('/api/v1/assessment/findings/{id}', { params: id(findingId), body })),
  /** The owner's progress. */
  progress: (findingId: number, body: FindingProgressInput) => ok(api.POST('/api/v1/assessment/findings/{id}/progress', { params: id(findingId), body })),
  /** The province closes it. */
  close: (findingId: number, body: FindingCloseInput) => ok(api.POST('/api/v1/assessment/findings/{id}/close', { params: id(findingId), body })),
}
