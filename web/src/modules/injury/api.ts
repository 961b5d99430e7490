/**
 * Product-injury monitoring (docs/guide/injury.md): the module's calls and the names of its
 * schemas, all from the server's OpenAPI document (src/api/schema.d.ts).
 */
import { api, ok } from '@/api/http'
import type { operations } from '@/api/schema'
import type { Schemas } from '@/api/types'

export type MonitoringPoint = Schemas['MonitoringPoint']
export type MonitoringPointInput = Schemas['MonitoringPointInput']
/** A point with its design per year, newest first. */
export type MonitoringPointDetail = Schemas['MonitoringPointDetail']
export type PeriodView = Schemas['PeriodView']
export type PeriodInput = Schemas['PeriodInput']
export type CaseView = Schemas['CaseView']
export type CaseInput = Schemas['CaseInput']
export type Estimates = Schemas['Estimates']
export type EstimateRow = Schemas['EstimateRow']
/** A defect report; personal data masked unless the caller may unmask. */
export type DefectReport = Schemas['DefectReport']
export type DefectReportInput = Schemas['DefectReportInput']
export type DefectReportTriage = Schemas['DefectReportTriage']
export type PublicReport = Schemas['PublicReport']
export type SignalTable = Schemas['SignalTable']
export type SignalCell = Schemas['SignalCell']
export type RuleView = Schemas['RuleView']
export type RuleInput = Schemas['RuleInput']
export type RegisterView = Schemas['RegisterView']
export type RegisterUpdate = Schemas['RegisterUpdate']

/**
 * Values the document gives only as strings: the console's lists of them, for its choices and
 * labels (crates/modules/injury/src: estimates.rs, reports.rs, signals.rs, cases.rs).
 */
export const DIMENSIONS = ['product', 'year', 'age_group', 'sex', 'city'] as const
export type Dimension = (typeof DIMENSIONS)[number]
export const AGE_GROUPS = ['0-4', '5-14', '15-24', '25-44', '45-64', '65+'] as const
/** The publication rule's reasons (estimates.rs `reasons`). */
export const REASONS = ['cases', 'cv', 'points'] as const
export const REPORT_STATUSES = ['new', 'triaged', 'closed'] as const
export const SIGNAL_DIMENSIONS = ['product', 'model'] as const
export type SignalDimension = (typeof SIGNAL_DIMENSIONS)[number]
export const REGISTER_STATUSES = ['new', 'reviewing', 'escalated', 'closed'] as const
export const FOLLOW_UPS = ['assessment', 'investigation'] as const
/** `?mode=` of the import routes (cases and reports alike). */
export type ImportMode = NonNullable<NonNullable<operations['postInjuryCasesImport']['parameters']['query']>['mode']>

/** The dictionaries of the module (dicts.rs). */
export const DICT = {
  product: 'injury_product',
  hazard: 'injury_hazard',
  pointKind: 'injury_point_kind',
  source: 'injury_report_source',
  sex: 'injury_sex',
  place: 'injury_place',
  activity: 'injury_activity',
  intent: 'injury_intent',
  bodyPart: 'injury_body_part',
  diagnosis: 'injury_diagnosis',
  severity: 'injury_severity',
  disposition: 'injury_disposition',
} as const

/** A window and filters of the estimates (`by` comma-separated). */
export interface EstimateParams {
  from?: string
  to?: string
  by?: string
  product?: string
  city?: string
  sex?: string
  age_group?: string
}
/** A window of the signals. */
export interface SignalParams {
  dimension?: SignalDimension
  from?: string
  to?: string
  category?: string
}

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }
const clean = <T extends object>(q: T): T => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as T

export const injuryApi = {
  point: (pointId: number) => ok(api.GET('/api/v1/injury/points/{id}', { params: id(pointId) })),
  createPoint: (body: MonitoringPointInput) => ok(api.POST('/api/v1/injury/points', { body })),
  updatePoint: (pointId: number, body: MonitoringPointInput) => ok(api.PUT('/api/v1/injury/points/{id}', { params: id(pointId), body })),
  setPeriod: (pointId: number, body: PeriodInput) => ok(api.PUT('/api/v1/injury/points/{id}/periods', { params: id(pointId), body })),
  /** Every point the caller sees (for the filters and the case form). */
  allPoints: () => ok(api.GET('/api/v1/injury/points', { params: { query: { page_size: 100 } } })),

  case: (caseId: number) => ok(api.GET('/api/v1/injury/cases/{id}', { params: id(caseId) })),
  createCase: (body: CaseInput) => ok(api.POST('/api/v1/injury/cases', { body })),
  updateCase: (caseId: number, body: CaseInput) => ok(api.PUT('/api/v1/injury/cases/{id}', { params: id(caseId), body })),
  fileReport: (caseId: number, body: DefectReportInput) => ok(api.POST('/api/v1/injury/cases/{id}/report', { params: id(caseId), body })),

  estimates: (q: EstimateParams) => ok(api.GET('/api/v1/injury/estimates', { params: { query: clean(q) } })),
  /** The data file of the estimates, for `fileOf`/`saveDownload`. */
  estimatesCsv: (q: EstimateParams) => api.GET('/api/v1/injury/estimates/data.csv', { params: { query: clean(q) }, ...blob }),

  report: (reportId: number) => ok(api.GET('/api/v1/injury/reports/{id}', { params: id(reportId) })),
  createReport: (body: DefectReportInput) => ok(api.POST('/api/v1/injury/reports', { body })),
  triage: (reportId: number, body: DefectReportTriage) => ok(api.PUT('/api/v1/injury/reports/{id}', { params: id(reportId), body })),

  signals: (q: SignalParams) => ok(api.GET('/api/v1/injury/signals', { params: { query: clean(q) } })),
  /** The reports file of the signals, for `fileOf`/`saveDownload`. */
  signalsCsv: (q: SignalParams) => api.GET('/api/v1/injury/signals/reports.csv', { params: { query: clean(q) }, ...blob }),
  rules: () => ok(api.GET('/api/v1/injury/signal-rules')),
  createRule: (body: RuleInput) => ok(api.POST('/api/v1/injury/signal-rules', { body })),
  updateRule: (ruleId: number, body: RuleInput) => ok(api.PUT('/api/v1/injury/signal-rules/{id}', { params: id(ruleId), body })),
  removeRule: (ruleId: number) => ok(api.DELETE('/api/v1/injury/signal-rules/{id}', { params: id(ruleId) })),
  decide: (entryId: number, body: RegisterUpdate) => ok(api.PUT('/api/v1/injury/register/{id}', { params: id(entryId), body })),

  submitPublic: (body: PublicReport) => ok(api.POST('/api/v1/public/defect-reports', { body })),
}

/** Collection paths of the list kit. */
export const POINTS_PATH = '/api/v1/injury/points'
export const CASES_PATH = '/api/v1/injury/cases'
export const REPORTS_PATH = '/api/v1/injury/reports'
export const REGISTER_PATH = '/api/v1/injury/register'

