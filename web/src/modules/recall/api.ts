/**
 * Risk assessment, defect investigations, recalls, safety warnings and the public recall portal
 * (docs/guide/recall.md): the module's calls and the names of its schemas, all from the server's
 * OpenAPI document (src/api/schema.d.ts).
 */
import { api, ok } from '@/api/http'
import type { operations } from '@/api/schema'
import type { Schemas } from '@/api/types'

export type AssessmentView = Schemas['AssessmentView']
export type AssessmentInput = Schemas['AssessmentInput']
export type InvestigationView = Schemas['InvestigationView']
export type InvestigationInput = Schemas['InvestigationInput']
/** An investigation with its reviews, talks, assessments, recall and timeline. */
export type InvestigationDetail = Schemas['InvestigationDetail']
export type ReviewView = Schemas['ReviewView']
export type TalkView = Schemas['TalkView']
export type StepInput = Schemas['StepInput']
export type AnalysisInput = Schemas['AnalysisInput']
export type AssignInput = Schemas['AssignInput']
export type OpinionInput = Schemas['OpinionInput']
export type ConclusionInput = Schemas['ConclusionInput']
export type TalkInput = Schemas['TalkInput']
export type ExpertView = Schemas['ExpertView']
export type ExpertInput = Schemas['ExpertInput']
export type Conflict = Schemas['Conflict']
export type RecallView = Schemas['RecallView']
export type RecallInput = Schemas['RecallInput']
/** A recall with its progress reports and timeline. */
export type RecallDetail = Schemas['RecallDetail']
export type ProgressView = Schemas['ProgressView']
export type ChannelProgress = Schemas['ChannelProgress']
export type ProgressInput = Schemas['ProgressInput']
export type EffectivenessInput = Schemas['EffectivenessInput']
export type SummaryInput = Schemas['SummaryInput']
export type VersionInput = Schemas['VersionInput']
export type WarningView = Schemas['WarningView']
export type WarningInput = Schemas['WarningInput']
export type WarningDetail = Schemas['WarningDetail']
export type WarningReview = Schemas['WarningReview']
export type PublicRecall = Schemas['PublicRecall']
export type PublicWarning = Schemas['PublicWarning']
/** One step of a record's timeline: an audit entry (when, who, what) and `after`, the fields the step set. */
export type TimelineEntry = Schemas['TrailEntry']

export type InvestigationFilters = NonNullable<operations['getRecallInvestigations']['parameters']['query']>
export type PublicRecallFilters = NonNullable<operations['getPublicRecalls']['parameters']['query']>
export type PublicWarningFilters = NonNullable<operations['getPublicWarnings']['parameters']['query']>

/**
 * Values the document gives only as strings: the console's lists of them, for its choices and
 * labels (crates/modules/recall/src: investigations.rs, recalls.rs, warnings.rs, risk.rs).
 */
/** An investigation's stages, in order; `defect` and `no_defect` are the two conclusions. */
export const STAGES = ['opened', 'notified', 'analysed', 'expert_review', 'defect', 'no_defect', 'recall_ordered', 'closed'] as const
export type Stage = (typeof STAGES)[number]
export const CONCLUSIONS = ['defect', 'no_defect'] as const
export const SOURCES = ['signal', 'report', 'assessment', 'manual'] as const
/** The risk engine's levels, lowest first. */
export const LEVELS = ['low', 'medium', 'high', 'serious'] as const
export type Level = (typeof LEVELS)[number]
export const SEVERITIES = [1, 2, 3, 4] as const
export const RECALL_STATUSES = ['draft', 'published', 'summarised', 'closed'] as const
export const RECALL_KINDS = ['voluntary', 'ordered'] as const
export const REMEDIES = ['repair', 'replace', 'refund', 'warning'] as const
export const VERDICTS = ['effective', 'ineffective'] as const
export const WARNING_KINDS = ['consumer_tip', 'risk_warning', 'accident', 'guidance'] as const
/** What the public portal shows (guidance notices go to enterprises only). */
export const PUBLIC_WARNING_KINDS = ['consumer_tip', 'risk_warning', 'accident'] as const
export const WARNING_STATUSES = ['draft', 'in_review', 'approved', 'published'] as const

/** The dictionaries of the module (dicts.rs); products and hazards are the injury module's. */
export const DICT = {
  product: 'injury_product',
  hazard: 'injury_hazard',
  specialty: 'recall_specialty',
  channel: 'recall_channel',
  remedy: 'recall_remedy',
  kind: 'recall_kind',
  status: 'recall_status',
} as const

const id = (id: number) => ({ path: { id } })

export const recallApi = {
  /** The risk engine on the JSON `longzhi engine risk --input` takes; answers exactly its JSON. */
  evaluate: (input: object) => ok(api.POST('/api/v1/risk/evaluate', { body: input as never })),
  assessment: (assessmentId: number) => ok(api.GET('/api/v1/recall/assessments/{id}', { params: id(assessmentId) })),
  createAssessment: (body: AssessmentInput) => ok(api.POST('/api/v1/recall/assessments', { body })),

  investigation: (investigationId: number) => ok(api.GET('/api/v1/recall/investigations/{id}', { params: id(investigationId) })),
  createInvestigation: (body: InvestigationInput) => ok(api.POST('/api/v1/recall/investigations', { body })),
  assignable: (investigationId: number) => ok(api.GET('/api/v1/recall/investigations/{id}/assignable', { params: id(investigationId) })),
  notify: (investigationId: number, body: StepInput) => ok(api.POST('/api/v1/recall/investigations/{id}/notify', { params: id(investigationId), body })),
  analysis: (investigationId: number, body: AnalysisInput) => ok(api.POST('/api/v1/recall/investigations/{id}/analysis', { params: id(investigationId), body })),
  assign: (investigationId: number, body: AssignInput) => ok(api.POST('/api/v1/recall/investigations/{id}/experts', { params: id(investigationId), body })),
  opinion: (investigationId: number, body: OpinionInput) => ok(api.POST('/api/v1/recall/investigations/{id}/opinion', { params: id(investigationId), body })),
  conclude: (investigationId: number, body: ConclusionInput) => ok(api.POST('/api/v1/recall/investigations/{id}/conclude', { params: id(investigationId), body })),
  order: (investigationId: number, body: StepInput) => ok(api.POST('/api/v1/recall/investigations/{id}/order', { params: id(investigationId), body })),
  closeInvestigation: (investigationId: number, body: StepInput) => ok(api.POST('/api/v1/recall/investigations/{id}/close', { params: id(investigationId), body })),
  talk: (investigationId: number, body: TalkInput) => ok(api.POST('/api/v1/recall/investigations/{id}/talks', { params: id(investigationId), body })),

  createExpert: (body: ExpertInput) => ok(api.POST('/api/v1/recall/experts', { body })),
  updateExpert: (expertId: number, body: ExpertInput) => ok(api.PUT('/api/v1/recall/experts/{id}', { params: id(expertId), body })),

  recall: (recallId: number) => ok(api.GET('/api/v1/recall/recalls/{id}', { params: id(recallId) })),
  createRecall: (body: RecallInput) => ok(api.POST('/api/v1/recall/recalls', { body })),
  updateRecall: (recallId: number, body: RecallInput) => ok(api.PUT('/api/v1/recall/recalls/{id}', { params: id(recallId), body })),
  publishRecall: (recallId: number, body: VersionInput) => ok(api.POST('/api/v1/recall/recalls/{id}/publish', { params: id(recallId), body })),
  progress: (recallId: number, body: ProgressInput) => ok(api.POST('/api/v1/recall/recalls/{id}/progress', { params: id(recallId), body })),
  effectiveness: (recallId: number, body: EffectivenessInput) => ok(api.POST('/api/v1/recall/recalls/{id}/effectiveness', { params: id(recallId), body })),
  summary: (recallId: number, body: SummaryInput) => ok(api.POST('/api/v1/recall/recalls/{id}/summary', { params: id(recallId), body })),
  closeRecall: (recallId: number, body: VersionInput) => ok(api.POST('/api/v1/recall/recalls/{id}/close', { params: id(recallId), body })),

  warning: (warningId: number) => ok(api.GET('/api/v1/recall/warnings/{id}', { params: id(warningId) })),
  createWarning: (body: WarningInput) => ok(api.POST('/api/v1/recall/warnings', { body })),
  updateWarning: (warningId: number, body: WarningInput) => ok(api.PUT('/api/v1/recall/warnings/{id}', { params: id(warningId), body })),
  submitWarning: (warningId: number, body: VersionInput) => ok(api.POST('/api/v1/recall/warnings/{id}/submit', { params: id(warningId), body })),
  reviewWarning: (warningId: number, body: WarningReview) => ok(api.POST('/api/v1/recall/warnings/{id}/review', { params: id(warningId), body })),
  publishWarning: (warningId: number, body: VersionInput) => ok(api.POST('/api/v1/recall/warnings/{id}/publish', { params: id(warningId), body })),

  /** The defect reports of a brand and model (to name the producer and category of a signal), for those who may list them. */
  reportsOf: (q: { brand?: string; model?: string; category?: string; hazard?: string }) =>
    ok(api.GET('/api/v1/injury/reports', { params: { query: { ...q, page_size: 1, sort: '-received_on' } } })),

  publicRecalls: (query: PublicRecallFilters) => ok(api.GET('/api/v1/public/recalls', { params: { query } })),
  publicRecall: (code: string) => ok(api.GET('/api/v1/public/recalls/{code}', { params: { path: { code } } })),
  publicWarnings: (query: PublicWarningFilters) => ok(api.GET('/api/v1/public/warnings', { params: { query } })),
  publicWarning: (warningId: number) => ok(api.GET('/api/v1/public/warnings/{id}', { params: id(warningId) })),
}

/** Collection paths of the list kit. */
export const ASSESSMENTS_PATH = '/api/v1/recall/assessments'
export const INVESTIGATIONS_PATH = '/api/v1/recall/investigations'
export const EXPERTS_PATH = '/api/v1/recall/experts'
export const RECALLS_PATH = '/api/v1/recall/recalls'
export const WARNINGS_PATH = '/api/v1/recall/warnings'
/** The Atom feed of published recalls (served beside the API, not in its document). */
export const RECALLS_FEED = '/feeds/recalls.atom'
