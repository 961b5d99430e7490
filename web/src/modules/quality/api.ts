/**
 * Quality monitoring (docs/guide/quality.md): the module's calls and the names of its schemas, all
 * from the server's OpenAPI document (src/api/schema.d.ts).
 */
import { api, ok } from '@/api/http'
import type { operations } from '@/api/schema'
import type { Schemas } from '@/api/types'

export type IndicatorView = Schemas['IndicatorView']
export type IndicatorInput = Schemas['IndicatorInput']
export type FrameworkSummary = Schemas['FrameworkSummary']
export type FrameworkView = Schemas['FrameworkView']
export type FrameworkInput = Schemas['FrameworkInput']
export type NodeView = Schemas['NodeView']
export type NodeInput = Schemas['NodeInput']
export type RoundView = Schemas['RoundView']
export type RoundDetail = Schemas['RoundDetail']
export type RoundCounts = Schemas['Counts']
export type NewRound = Schemas['NewRound']
export type SubmissionView = Schemas['SubmissionView']
export type SubmissionForm = Schemas['SubmissionForm']
export type FormLine = Schemas['FormLine']
export type LineInput = Schemas['LineInput']
export type ValueView = Schemas['ValueView']
export type HistoryEntry = Schemas['HistoryEntry']
export type TokenView = Schemas['TokenView']
export type IssuedToken = Schemas['IssuedToken']
export type NewToken = Schemas['NewToken']
export type Analysis = Schemas['Analysis']
export type EngineOutput = Schemas['EngineOutput']
export type EngineUnit = Schemas['EngineUnit']
export type RegionName = Schemas['RegionName']
export type TrendYear = Schemas['TrendYear']
export type JobView = Schemas['JobView']
export type SensitivityParams = Schemas['SensitivityParams']
export type ReportParams = Schemas['ReportParams']
export type ActionView = Schemas['ActionView']
export type ActionInput = Schemas['ActionInput']
export type ActionDetail = Schemas['ActionDetail']
export type ActionReportInput = Schemas['ActionReportInput']
export type ActionReportView = Schemas['ActionReportView']
export type IndicatorSeries = Schemas['IndicatorSeries']
export type ValueFilters = NonNullable<operations['getQualityValues']['parameters']['query']>

/** A submission's timeline entry. */
export type SubmissionEvent = SubmissionForm['timeline'][number]

/** The states, generated from the server's OpenAPI document (codes.ts, schema enums). */
export type FrameworkStatus = Schemas['PlanStatus']
export type RoundStatus = Schemas['RoundStatus']
export type SubmissionStatus = Schemas['SubmissionStatus']
export type ActionStatus = Schemas['ActionStatus']
export type JobStatus = Schemas['JobStatus']
export const FRAMEWORK_STATUSES: readonly FrameworkStatus[] = ['draft', 'published', 'closed']
export const ROUND_STATUSES: readonly RoundStatus[] = ['open', 'closed']
export const SUBMISSION_STATUSES: readonly SubmissionStatus[] = ['draft', 'submitted', 'returned', 'approved']
export const ACTION_STATUSES: readonly ActionStatus[] = ['ongoing', 'completed']

/**
 * Values the document gives only as strings (described, not enumerated): the console's lists of
 * them, for its choices and labels (crates/modules/quality/src: frameworks.rs, indicators.rs,
 * actions.rs, values.rs).
 */
export const NORMALISATIONS = ['minmax', 'zscore', 'rank', 'percentile', 'goalposts', 'target', 'best'] as const
export const WEIGHTINGS = ['given', 'equal', 'entropy', 'pca'] as const
export const AGGREGATIONS = ['arithmetic', 'geometric', 'harmonic', 'copeland'] as const
export const IMPUTATIONS = ['none', 'mean', 'median'] as const
export const FREQUENCIES = ['year', 'quarter', 'month'] as const
export const ACTION_KINDS = ['industry', 'region'] as const
/** `decision` of a review. */
export type ReviewDecision = 'approve' | 'return'
/** Limits of the framework's method (frameworks.rs `check`). */
export const METHOD_LIMITS = { mcRunsMax: 10_000, weightNoiseMax: 0.9, changeThresholdMin: 0.01, changeThresholdMax: 10 } as const
/** Base rows of a Saltelli design the server accepts (jobs.rs `MAX_SOBOL`). */
export const SOBOL_MAX = 4096

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }

export const qualityApi = {
  indicators: (query: operations['getQualityIndicators']['parameters']['query'] = {}) => ok(api.GET('/api/v1/quality/indicators', { params: { query } })),
  createIndicator: (body: IndicatorInput) => ok(api.POST('/api/v1/quality/indicators', { body })),
  updateIndicator: (indicatorId: number, body: IndicatorInput) => ok(api.PUT('/api/v1/quality/indicators/{id}', { params: id(indicatorId), body })),

  frameworks: () => ok(api.GET('/api/v1/quality/frameworks')),
  framework: (frameworkId: number) => ok(api.GET('/api/v1/quality/frameworks/{id}', { params: id(frameworkId) })),
  createFramework: (body: FrameworkInput) => ok(api.POST('/api/v1/quality/frameworks', { body })),
  updateFramework: (frameworkId: number, body: FrameworkInput) => ok(api.PUT('/api/v1/quality/frameworks/{id}', { params: id(frameworkId), body })),
  removeFramework: (frameworkId: number) => ok(api.DELETE('/api/v1/quality/frameworks/{id}', { params: id(frameworkId) })),
  publishFramework: (frameworkId: number) => ok(api.POST('/api/v1/quality/frameworks/{id}/publish', { params: id(frameworkId) })),
  retireFramework: (frameworkId: number) => ok(api.POST('/api/v1/quality/frameworks/{id}/retire', { params: id(frameworkId) })),
  reviseFramework: (frameworkId: number) => ok(api.POST('/api/v1/quality/frameworks/{id}/revisions', { params: id(frameworkId) })),
  /** The framework as the engine's TOML, for `fileOf`/`saveDownload`. */
  frameworkToml: (frameworkId: number) => api.GET('/api/v1/quality/frameworks/{id}/toml', { params: id(frameworkId), ...blob }),

  rounds: (query: operations['getQualityRounds']['parameters']['query'] = {}) => ok(api.GET('/api/v1/quality/rounds', { params: { query } })),
  round: (roundId: number) => ok(api.GET('/api/v1/quality/rounds/{id}', { params: id(roundId) })),
  openRound: (body: NewRound) => ok(api.POST('/api/v1/quality/rounds', { body })),
  closeRound: (roundId: number) => ok(api.POST('/api/v1/quality/rounds/{id}/close', { params: id(roundId) })),

  submission: (submissionId: number) => ok(api.GET('/api/v1/quality/submissions/{id}', { params: id(submissionId) })),
  save: (submissionId: number, lines: LineInput[], version: number) => ok(api.PUT('/api/v1/quality/submissions/{id}', { params: id(submissionId), body: { lines, version } })),
  submit: (submissionId: number) => ok(api.POST('/api/v1/quality/submissions/{id}/submit', { params: id(submissionId) })),
  review: (submissionId: number, decision: ReviewDecision, comment?: string) =>
    ok(api.POST('/api/v1/quality/submissions/{id}/review', { params: id(submissionId), body: comment ? { decision, comment } : { decision } })),
  reopen: (submissionId: number, comment: string) => ok(api.POST('/api/v1/quality/submissions/{id}/reopen', { params: id(submissionId), body: { comment } })),

  history: (valueId: number) => ok(api.GET('/api/v1/quality/values/{id}/history', { params: id(valueId) })),
  tokens: () => ok(api.GET('/api/v1/quality/tokens')),
  issueToken: (body: NewToken) => ok(api.POST('/api/v1/quality/tokens', { body })),
  revokeToken: (tokenId: number) => ok(api.POST('/api/v1/quality/tokens/{id}/revoke', { params: id(tokenId) })),

  analysis: (frameworkId: number, year: number) => ok(api.GET('/api/v1/quality/analysis', { params: { query: { framework_id: frameworkId, year } } })),
  trend: (frameworkId: number, from: number, to: number) => ok(api.GET('/api/v1/quality/analysis/trend', { params: { query: { framework_id: frameworkId, from, to } } })),
  /** The engine's data file of a year, for `fileOf`/`saveDownload`. */
  dataCsv: (frameworkId: number, year: number) => api.GET('/api/v1/quality/analysis/data.csv', { params: { query: { framework_id: frameworkId, year } }, ...blob }),
  sensitivity: (body: SensitivityParams) => ok(api.POST('/api/v1/quality/analysis/sensitivity', { body })),

  reports: () => ok(api.GET('/api/v1/quality/reports')),
  createReport: (body: ReportParams) => ok(api.POST('/api/v1/quality/reports', { body })),
  /** The report's Excel annex, for `fileOf`/`saveDownload`. */
  annex: (year: number, frameworkId?: number) => api.GET('/api/v1/quality/reports/annex', { params: { query: { year, framework_id: frameworkId } }, ...blob }),

  job: (jobId: number) => ok(api.GET('/api/v1/jobs/{id}', { params: id(jobId) })),

  action: (actionId: number) => ok(api.GET('/api/v1/quality/actions/{id}', { params: id(actionId) })),
  createAction: (body: ActionInput) => ok(api.POST('/api/v1/quality/actions', { body })),
  updateAction: (actionId: number, body: ActionInput) => ok(api.PUT('/api/v1/quality/actions/{id}', { params: id(actionId), body })),
  reportAction: (actionId: number, body: ActionReportInput) => ok(api.POST('/api/v1/quality/actions/{id}/reports', { params: id(actionId), body })),
}

/** Collection paths of the list kit. */
export const INDICATORS_PATH = '/api/v1/quality/indicators'
export const FRAMEWORKS_PATH = '/api/v1/quality/frameworks'
export const VALUES_PATH = '/api/v1/quality/values'
export const ACTIONS_PATH = '/api/v1/quality/actions'
