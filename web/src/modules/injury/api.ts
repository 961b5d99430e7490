/**
 * Product-injury monitoring (docs/guide/injury.md): the module's calls and the names of its
 * schemas, all from the server's OpenAPI document (src/api/schema.d.ts).
 */
import { api, ok } from '@/api/http'
import type { Schemas } from '@/api/types'

export type PeriodView = Schemas['PeriodView']
export type PeriodInput = Schemas['PeriodInput']
export type CaseView = Schemas['CaseView']
export type CaseInput = Schemas['CaseInput']
export type Estimates = Schemas['Estimates']
export type EstimateRow = Schemas['EstimateRow']
export type ReportInput = Schemas['ReportInput']
export type ReportTriage = Schemas['ReportTriage']
export type PublicReport = Schemas['PublicReport']
export type PublicForm = Schemas['PublicForm']
export type FormOption = Schemas['FormOption']
export type SignalTable = Schemas['SignalTable']
export type SignalCell = Schemas['SignalCell']
export type RuleView = Schemas['RuleView']
export type RuleInput = Schemas['RuleInput']
export type RegisterView = Schemas['RegisterView']
export type RegisterUpdate = Schemas['RegisterUpdate']

/*
 * The server's OpenAPI document names three of the module's schemas like the plan module's
 * (`PointView`, `PointInput`, `ReportView`, crates/modules/injury/src/points.rs and reports.rs),
 * and the plan's won: the generated types of these paths are the plan's. Until the server names
 * them apart, the console types them here, as the Rust structs are, and casts at the calls.
 */
/** A monitoring point (points.rs `PointView`). */
export interface PointView {
  id: number
  code: string
  name: string
  kind: string
  region_code: string
  city_code: string
  city_name: string
  org_id: number
  contact: string
  status: Schemas['Status']
  version: number
}
/** A point with its design per year, newest first (points.rs `PointDetail`). */
export interface PointDetail {
  point: PointView
  periods: PeriodView[]
}
/** A point as the form gives it (points.rs `PointInput`). */
export interface PointInput {
  code: string
  name: string
  kind: string
  org_id: number
  contact: string
  status: Schemas['Status']
  version?: number | null
}
/** A defect report; personal data masked unless the caller may unmask (reports.rs `ReportView`). */
export interface ReportView {
  id: number
  report_no: string
  source: string
  received_on: string
  category: string
  brand: string
  model: string
  producer_name: string
  producer_code?: string | null
  hazard: string
  description: string
  reporter_name?: string | null
  reporter_phone?: string | null
  reporter_email?: string | null
  case_id?: number | null
  city_code?: string | null
  city_name?: string | null
  status: string
  note?: string | null
  version: number
}
/** Page of points, as the list answers it. */
export interface PointPage {
  items: PointView[]
  total: number
  page: number
  page_size: number
}

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
export type ImportMode = 'all_or_nothing' | 'valid_rows'

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
  point: (pointId: number) => ok(api.GET('/api/v1/injury/points/{id}', { params: id(pointId) })) as Promise<unknown> as Promise<PointDetail>,
  createPoint: (body: PointInput) => ok(api.POST('/api/v1/injury/points', { body: body as unknown as Schemas['PointInput'] })) as Promise<unknown> as Promise<PointView>,
  updatePoint: (pointId: number, body: PointInput) =>
    ok(api.PUT('/api/v1/injury/points/{id}', { params: id(pointId), body: body as unknown as Schemas['PointInput'] })) as Promise<unknown> as Promise<PointView>,
  setPeriod: (pointId: number, body: PeriodInput) => ok(api.PUT('/api/v1/injury/points/{id}/periods', { params: id(pointId), body })),
  /** Every point the caller sees (for the filters and the case form). */
  allPoints: () => ok(api.GET('/api/v1/injury/points', { params: { query: { page_size: 100 } } })) as Promise<unknown> as Promise<PointPage>,

  case: (caseId: number) => ok(api.GET('/api/v1/injury/cases/{id}', { params: id(caseId) })),
  createCase: (body: CaseInput) => ok(api.POST('/api/v1/injury/cases', { body })),
  updateCase: (caseId: number, body: CaseInput) => ok(api.PUT('/api/v1/injury/cases/{id}', { params: id(caseId), body })),
  fileReport: (caseId: number, body: ReportInput) => ok(api.POST('/api/v1/injury/cases/{id}/report', { params: id(caseId), body })) as Promise<unknown> as Promise<ReportView>,

  estimates: (q: EstimateParams) => ok(api.GET('/api/v1/injury/estimates', { params: { query: clean(q) } })),
  /** The data file of the estimates, for `fileOf`/`saveDownload`. */
  estimatesCsv: (q: EstimateParams) => api.GET('/api/v1/injury/estimates/data.csv', { params: { query: clean(q) }, ...blob }),

  report: (reportId: number) => ok(api.GET('/api/v1/injury/reports/{id}', { params: id(reportId) })) as Promise<unknown> as Promise<ReportView>,
  createReport: (body: ReportInput) => ok(api.POST('/api/v1/injury/reports', { body })) as Promise<unknown> as Promise<ReportView>,
  triage: (reportId: number, body: ReportTriage) => ok(api.PUT('/api/v1/injury/reports/{id}', { params: id(reportId), body })) as Promise<unknown> as Promise<ReportView>,

  signals: (q: SignalParams) => ok(api.GET('/api/v1/injury/signals', { params: { query: clean(q) } })),
  /** The reports file of the signals, for `fileOf`/`saveDownload`. */
  signalsCsv: (q: SignalParams) => api.GET('/api/v1/injury/signals/reports.csv', { params: { query: clean(q) }, ...blob }),
  rules: () => ok(api.GET('/api/v1/injury/signal-rules')),
  createRule: (body: RuleInput) => ok(api.POST('/api/v1/injury/signal-rules', { body })),
  updateRule: (ruleId: number, body: RuleInput) => ok(api.PUT('/api/v1/injury/signal-rules/{id}', { params: id(ruleId), body })),
  removeRule: (ruleId: number) => ok(api.DELETE('/api/v1/injury/signal-rules/{id}', { params: id(ruleId) })),
  decide: (entryId: number, body: RegisterUpdate) => ok(api.PUT('/api/v1/injury/register/{id}', { params: id(entryId), body })),

  publicForm: () => ok(api.GET('/api/v1/public/defect-reports/form')),
  submitPublic: (body: PublicReport) => ok(api.POST('/api/v1/public/defect-reports', { body })),
}

/** Collection paths of the list kit. */
export const POINTS_PATH = '/api/v1/injury/points'
export const CASES_PATH = '/api/v1/injury/cases'
export const REPORTS_PATH = '/api/v1/injury/reports'
export const REGISTER_PATH = '/api/v1/injury/register'

