/**
 * Service-quality monitoring (issue 18), the second half: a round's results (the PLS model, the
 * satisfaction indices by city, service and field, the importance–performance matrix), its
 * computation, publication, 通报 and Excel export; the remediation tasks (整改) and the coordinated
 * handling of major service-quality events (协同处置) — the calls and the names of their schemas,
 * all from the server's OpenAPI document (src/api/schema.d.ts). The survey design and the
 * fieldwork have theirs in ./api.ts.
 */
import { api, ok } from '@/api/http'
import type { paths } from '@/api/schema'
import type { Schemas } from '@/api/types'

/** A round's results (404 `service.not_computed` before the first computation). */
export type ServiceResults = Schemas['ServiceResults']
/** One index: the province, a city, a service or a field, with n, its interval, rank and change. */
export type IndexRow = Schemas['ServiceIndexRow']
/** A city × service cell of the heat map. */
export type IndexCell = Schemas['ServiceCell']
export type RoundView = Schemas['ServiceRoundView']
export type JobView = Schemas['JobView']
export type TaskView = Schemas['ServiceTaskView']
export type EventView = Schemas['ServiceEventView']
/** A path of the model with its bootstrap figures. */
export type ResultPath = ServiceResults['paths'][number]
export type ReliabilityRow = ServiceResults['reliability'][number]
export type IpaRow = ServiceResults['ipa'][number]
/** One step of an event's handling. */
export type EventAction = EventView['actions'][number]

type BodyOf<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never
export type NewTask = BodyOf<'/api/v1/service/tasks', 'post'>
export type TaskSubmit = BodyOf<'/api/v1/service/tasks/{id}/submit', 'post'>
export type TaskReview = BodyOf<'/api/v1/service/tasks/{id}/review', 'post'>
export type NewEvent = BodyOf<'/api/v1/service/events', 'post'>
export type EventNote = BodyOf<'/api/v1/service/events/{id}/act', 'post'>
export type EventAssess = BodyOf<'/api/v1/service/events/{id}/assess', 'post'>
export type TaskFilters = NonNullable<paths['/api/v1/service/tasks']['get']['parameters']['query']>
export type EventFilters = NonNullable<paths['/api/v1/service/events']['get']['parameters']['query']>

/**
 * Values the document gives only as strings: the console's lists of them, for its choices and
 * labels (crates/modules/service/src).
 */
export const TASK_STATUSES = ['assigned', 'submitted', 'returned', 'accepted'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]
export const REVIEW_DECISIONS = ['accept', 'return'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]
export const EVENT_STATUSES = ['open', 'handling', 'resolved', 'assessed'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]
export const SEVERITIES = ['general', 'serious', 'major'] as const
export type Severity = (typeof SEVERITIES)[number]
/** The steps recorded on an event. */
export const EVENT_ACTIONS = ['report', 'act', 'resolve', 'assess'] as const
/** The steps of an event a dialog records (EventStepDialog.vue). */
export type EventStep = 'act' | 'resolve' | 'assess'
/** The rating of an event's handling. */
export const RATING_MAX = 5
/** Limits of the forms' texts (the server's field rules). */
export const LIMITS = { title: 200, text: 4000, comment: 1000 } as const

const id = (id: number) => ({ path: { id } })
const blob = { parseAs: 'blob' as const }

export const resultsApi = {
  /** The round's results as the caller may see them (a city before publication: its own rows only). */
  results: (roundId: number) => ok(api.GET('/api/v1/service/rounds/{id}/results', { params: id(roundId) })),
  /** The indices as Excel, for `saveDownload`. */
  exportResults: (roundId: number) => api.GET('/api/v1/service/rounds/{id}/results/export', { params: id(roundId), ...blob }),
  /** The 通报 PDF (a preview for the province before publication), for `saveDownload`. */
  notice: (roundId: number) => api.GET('/api/v1/service/rounds/{id}/notice.pdf', { params: id(roundId), ...blob }),
  /** Queues the PLS computation (202, a platform job followed by `job`). */
  compute: (roundId: number) => ok(api.POST('/api/v1/service/rounds/{id}/compute', { params: id(roundId) })),
  job: (jobId: number) => ok(api.GET('/api/v1/jobs/{id}', { params: id(jobId) })),
  /** closed and computed → published: the 通报 is generated and the cities notified. */
  publish: (roundId: number, version: number) => ok(api.POST('/api/v1/service/rounds/{id}/publish', { params: id(roundId), body: { version } })),
  round: (roundId: number) => ok(api.GET('/api/v1/service/rounds/{id}', { params: id(roundId) })),
  /** Rounds for the choices of a filter or a form (the published ones for a task). */
  rounds: (status?: string) => ok(api.GET('/api/v1/service/rounds', { params: { query: { status, page_size: 100 } } })),

  task: (taskId: number) => ok(api.GET('/api/v1/service/tasks/{id}', { params: id(taskId) })),
  createTask: (body: NewTask) => ok(api.POST('/api/v1/service/tasks', { body })),
  /** The responsible organisation's evidence. */
  submitTask: (taskId: number, body: TaskSubmit) => ok(api.POST('/api/v1/service/tasks/{id}/submit', { params: id(taskId), body })),
  /** Accept, or return with a comment (province; never the responsible organisation's own users). */
  reviewTask: (taskId: number, body: TaskReview) => ok(api.POST('/api/v1/service/tasks/{id}/review', { params: id(taskId), body })),

  event: (eventId: number) => ok(api.GET('/api/v1/service/events/{id}', { params: id(eventId) })),
  createEvent: (body: NewEvent) => ok(api.POST('/api/v1/service/events', { body })),
  /** A participating organisation's step (open → handling). */
  act: (eventId: number, body: EventNote) => ok(api.POST('/api/v1/service/events/{id}/act', { params: id(eventId), body })),
  /** The lead organisation closes the handling. */
  resolve: (eventId: number, body: EventNote) => ok(api.POST('/api/v1/service/events/{id}/resolve', { params: id(eventId), body })),
  /** The province's assessment of a resolved event. */
  assess: (eventId: number, body: EventAssess) => ok(api.POST('/api/v1/service/events/{id}/assess', { params: id(eventId), body })),
}

/** Collection paths of the list kit. */
export const TASKS_PATH = '/api/v1/service/tasks'
export const EVENTS_PATH = '/api/v1/service/events'
/** The attachments' entity of a task's evidence (the platform's files). */
export const TASK_FILES_ENTITY = 'service_task'
