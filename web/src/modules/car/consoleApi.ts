/**
 * Household-car 三包 in the console (docs/guide/car.md): the disputes from intake to outcome, the
 * makers with their models and dealers, the working calendar of the Art 28 deadlines, the analysis
 * and the car-accident injuries — the calls and the names of their schemas, all from the server's
 * OpenAPI document (src/api/schema.d.ts). The public self-check's calls are in ./api.ts.
 */
import { api, ok } from '@/api/http'
import type { paths } from '@/api/schema'
import type { Schemas } from '@/api/types'
import type { SanbaoDecision, SanbaoInput } from './sanbao'

export type DisputeView = Schemas['DisputeView']
/** A dispute with its repairs, evaluations (newest first), mediations, opinions, attachments and timeline. */
export type DisputeDetail = Schemas['DisputeDetail']
export type DisputeInput = Schemas['DisputeInput']
export type RepairView = Schemas['RepairView']
export type RepairInput = Schemas['RepairInput']
export type EvaluationView = Schemas['EvaluationView']
export type MediationView = Schemas['MediationView']
export type OpinionView = Schemas['OpinionView']
export type AnswerInput = Schemas['AnswerInput']
export type MediationInput = Schemas['MediationInput']
export type CloseInput = Schemas['CloseInput']
export type MakerView = Schemas['MakerView']
export type MakerInput = Schemas['MakerInput']
/** A maker with its models' 三包 terms, its published recalls and its investigations. */
export type MakerDetail = Schemas['MakerDetail']
export type ModelView = Schemas['ModelView']
export type ModelInput = Schemas['ModelInput']
export type DealerView = Schemas['DealerView']
export type DealerInput = Schemas['DealerInput']
export type HolidayView = Schemas['HolidayView']
export type HolidayInput = Schemas['HolidayInput']
export type CarAnalysis = Schemas['CarAnalysis']
export type InjuryView = Schemas['InjuryView']
export type LinkInput = Schemas['LinkInput']
export type ExpertView = Schemas['ExpertView']
/** One step of a dispute's timeline (an audit entry). */
export type TimelineEntry = Schemas['TrailEntry']

type BodyOf<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
/** A repair visit with the dispute's version (the schema flattens the visit into it). */
export type RepairChange = BodyOf<'/api/v1/car/disputes/{id}/repairs', 'post'>
export type AssignBody = BodyOf<'/api/v1/car/disputes/{id}/experts', 'post'>
export type OpinionBody = BodyOf<'/api/v1/car/disputes/{id}/opinion', 'post'>

export type DisputeFilters = NonNullable<paths['/api/v1/car/disputes']['get']['parameters']['query']>
export type AnalysisFilters = NonNullable<paths['/api/v1/car/analysis']['get']['parameters']['query']>

/**
 * Values the document gives only as strings: the console's lists of them
 * (crates/modules/car/src: disputes.rs, calendar.rs, crates/engines/sanbao).
 */
export const STATUSES = ['open', 'closed'] as const
export const HOLIDAY_KINDS = ['holiday', 'workday'] as const
export type HolidayKind = (typeof HOLIDAY_KINDS)[number]
/** The steps of an open dispute that a dialog records (DisputeStepDialog.vue). */
export type DisputeStep = 'answer' | 'mediate' | 'opinion' | 'close'
/** What changed to make a new evaluation. */
export const CAUSES = ['intake', 'dispute', 'repairs'] as const

/** The module's dictionaries (crates/modules/car/src/dicts.rs). */
export const DICT = {
  powertrain: 'car_powertrain',
  request: 'car_request',
  outcome: 'car_outcome',
  mediation: 'car_mediation_result',
  kind: 'car_repair_kind',
  system: 'car_system',
  faultKind: 'car_fault_kind',
  /** The injury module's severities (of a car-accident case). */
  severity: 'injury_severity',
} as const

/** An evaluation's input and result as the engine's types (the document types them as any JSON). */
export const engineInput = (e: EvaluationView): SanbaoInput => e.input as SanbaoInput
export const engineResult = (e: EvaluationView): SanbaoDecision => e.result as SanbaoDecision

const id = (id: number) => ({ path: { id } })

export const carConsoleApi = {
  dispute: (disputeId: number) => ok(api.GET('/api/v1/car/disputes/{id}', { params: id(disputeId) })),
  createDispute: (body: DisputeInput) => ok(api.POST('/api/v1/car/disputes', { body })),
  updateDispute: (disputeId: number, body: DisputeInput) => ok(api.PUT('/api/v1/car/disputes/{id}', { params: id(disputeId), body })),
  addRepair: (disputeId: number, body: RepairChange) => ok(api.POST('/api/v1/car/disputes/{id}/repairs', { params: id(disputeId), body })),
  /** Changes a visit (`version`: its dispute's). */
  updateRepair: (repairId: number, body: RepairChange) => ok(api.PUT('/api/v1/car/repairs/{id}', { params: id(repairId), body })),
  /** Removes a visit entered by mistake (`version`: its dispute's). */
  deleteRepair: (repairId: number, version: number) => ok(api.DELETE('/api/v1/car/repairs/{id}', { params: { path: { id: repairId }, query: { version } } })),
  assignable: (disputeId: number) => ok(api.GET('/api/v1/car/disputes/{id}/assignable', { params: id(disputeId) })),
  answer: (disputeId: number, body: AnswerInput) => ok(api.POST('/api/v1/car/disputes/{id}/answer', { params: id(disputeId), body })),
  mediate: (disputeId: number, body: MediationInput) => ok(api.POST('/api/v1/car/disputes/{id}/mediations', { params: id(disputeId), body })),
  assign: (disputeId: number, body: AssignBody) => ok(api.POST('/api/v1/car/disputes/{id}/experts', { params: id(disputeId), body })),
  opinion: (disputeId: number, body: OpinionBody) => ok(api.POST('/api/v1/car/disputes/{id}/opinion', { params: id(disputeId), body })),
  close: (disputeId: number, body: CloseInput) => ok(api.POST('/api/v1/car/disputes/{id}/close', { params: id(disputeId), body })),

  maker: (makerId: number) => ok(api.GET('/api/v1/car/makers/{id}', { params: id(makerId) })),
  createMaker: (body: MakerInput) => ok(api.POST('/api/v1/car/makers', { body })),
  updateMaker: (makerId: number, body: MakerInput) => ok(api.PUT('/api/v1/car/makers/{id}', { params: id(makerId), body })),
  /** Every maker (for the choices of a filter or a form). */
  makers: () => ok(api.GET('/api/v1/car/makers', { params: { query: { page_size: 200, sort: 'brand' } } })),
  /** A maker's models (the intake form's cascade), or all. */
  models: (makerId?: number) => ok(api.GET('/api/v1/car/models', { params: { query: { maker_id: makerId, page_size: 200, sort: 'name' } } })),
  createModel: (body: ModelInput) => ok(api.POST('/api/v1/car/models', { body })),
  updateModel: (modelId: number, body: ModelInput) => ok(api.PUT('/api/v1/car/models/{id}', { params: id(modelId), body })),
  /** Active dealers, of a maker when given. */
  dealers: (makerId?: number) => ok(api.GET('/api/v1/car/dealers', { params: { query: { maker_id: makerId, active: true, page_size: 200, sort: 'name' } } })),
  createDealer: (body: DealerInput) => ok(api.POST('/api/v1/car/dealers', { body })),
  updateDealer: (dealerId: number, body: DealerInput) => ok(api.PUT('/api/v1/car/dealers/{id}', { params: id(dealerId), body })),

  holidays: (year: number) => ok(api.GET('/api/v1/car/holidays', { params: { query: { year } } })),
  createHoliday: (body: HolidayInput) => ok(api.POST('/api/v1/car/holidays', { body })),
  deleteHoliday: (holidayId: number) => ok(api.DELETE('/api/v1/car/holidays/{id}', { params: id(holidayId) })),

  analysis: (query: AnalysisFilters) => ok(api.GET('/api/v1/car/analysis', { params: { query } })),
  link: (caseId: number, body: LinkInput) => ok(api.POST('/api/v1/car/injuries/{id}/vehicle', { params: id(caseId), body })),
}

/** Collection paths of the list kit. */
export const DISPUTES_PATH = '/api/v1/car/disputes'
export const MAKERS_PATH = '/api/v1/car/makers'
export const MODELS_PATH = '/api/v1/car/models'
export const DEALERS_PATH = '/api/v1/car/dealers'
export const INJURIES_PATH = '/api/v1/car/injuries'
/** The repair history's Excel template, and a dispute's import (POST `<repairs>/import?version=`). */
export const REPAIR_TEMPLATE_PATH = '/api/v1/car/repairs/import-template'
export const repairsPath = (disputeId: number) => `/api/v1/car/disputes/${disputeId}/repairs`
