/**
 * Annual work-plan supervision (督办, docs/guide/plan-api.md): the module's calls and the names of
 * its schemas, all from the server's OpenAPI document (src/api/schema.d.ts).
 */
import { api, ok } from '@/api/http'
import type { operations } from '@/api/schema'
import type { Schemas } from '@/api/types'

/** The states, generated from the server's OpenAPI document (codes.ts). */
import type { PlanStatus, Review as ReviewState, TargetStatus } from '@/api/codes'
export { PLAN_STATUSES, REVIEW_STATES, TARGET_STATUSES } from '@/api/codes'
export type { PlanStatus, ReviewState, TargetStatus }

export type PlanView = Schemas['PlanView']
export type PlanDetail = Schemas['PlanDetail']
export type PartView = Schemas['PartView']
export type PointView = Schemas['PointView']
export type TaskView = Schemas['TaskView']
/** A parsed (or hand-edited) plan text: parts `一、…` holding points `（一）…`. */
export type Outline = Schemas['Outline']
export type OutlinePart = Schemas['OutlinePart']
export type OutlinePoint = Schemas['OutlinePoint']
export type NewPlan = Schemas['NewPlan']
export type PlanUpdate = Schemas['PlanUpdate']
export type PartInput = Schemas['PartInput']
export type PointInput = Schemas['PointInput']
export type TaskInput = Schemas['TaskInput']
export type TargetView = Schemas['TargetView']
export type TargetDetail = Schemas['TargetDetail']
export type ReportView = Schemas['ReportView']
export type NewReport = Schemas['NewReport']
export type TimelineEntry = Schemas['TimelineEntry']
export type Matrix = Schemas['Matrix']
export type MatrixCity = Schemas['MatrixCity']
export type MatrixPoint = Schemas['MatrixPoint']
export type MatrixCell = Schemas['MatrixCell']
export type MatrixFilters = NonNullable<operations['getPlansByIdMatrix']['parameters']['query']>

/**
 * Values the document gives only as strings (described, not enumerated): the console's lists of
 * them, for its choices and labels.
 */
/** `city_scope` of a task: which city bureaus it is addressed to. */
export const CITY_SCOPES = ['all', 'some', 'none'] as const
export type CityScope = (typeof CITY_SCOPES)[number]
/** `action` of a target's timeline. */
export const TIMELINE_ACTIONS = ['published', 'reported', 'accepted', 'returned', 'reminded', 'overdue'] as const
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number]
/** `decision` of a review. */
export const REVIEW_DECISIONS = ['accept', 'return'] as const
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number]
/** `status` of a matrix cell (a target status), and the matrix filter's `overdue`. */
export type CellStatus = TargetStatus
export type MatrixStatusFilter = CellStatus | 'overdue'

const id = (id: number) => ({ path: { id } })

export const planApi = {
  list: (query: operations['getPlans']['parameters']['query'] = {}) => ok(api.GET('/api/v1/plans', { params: { query } })),
  create: (body: NewPlan) => ok(api.POST('/api/v1/plans', { body })),
  get: (planId: number) => ok(api.GET('/api/v1/plans/{id}', { params: id(planId) })),
  update: (planId: number, body: PlanUpdate) => ok(api.PUT('/api/v1/plans/{id}', { params: id(planId), body })),
  remove: (planId: number) => ok(api.DELETE('/api/v1/plans/{id}', { params: id(planId) })),
  publish: (planId: number) => ok(api.POST('/api/v1/plans/{id}/publish', { params: id(planId) })),
  close: (planId: number) => ok(api.POST('/api/v1/plans/{id}/close', { params: id(planId) })),
  previewImport: (text: string) => ok(api.POST('/api/v1/plans/import/preview', { body: { text } })),

  createPart: (planId: number, body: PartInput) => ok(api.POST('/api/v1/plans/{id}/parts', { params: id(planId), body })),
  updatePart: (partId: number, body: PartInput) => ok(api.PUT('/api/v1/plans/parts/{id}', { params: id(partId), body })),
  removePart: (partId: number) => ok(api.DELETE('/api/v1/plans/parts/{id}', { params: id(partId) })),
  createPoint: (partId: number, body: PointInput) => ok(api.POST('/api/v1/plans/parts/{id}/points', { params: id(partId), body })),
  updatePoint: (pointId: number, body: PointInput) => ok(api.PUT('/api/v1/plans/points/{id}', { params: id(pointId), body })),
  removePoint: (pointId: number) => ok(api.DELETE('/api/v1/plans/points/{id}', { params: id(pointId) })),
  createTask: (pointId: number, body: TaskInput) => ok(api.POST('/api/v1/plans/points/{id}/tasks', { params: id(pointId), body })),
  updateTask: (taskId: number, body: TaskInput & { version: number }) => ok(api.PUT('/api/v1/plans/tasks/{id}', { params: id(taskId), body })),
  removeTask: (taskId: number) => ok(api.DELETE('/api/v1/plans/tasks/{id}', { params: id(taskId) })),

  target: (targetId: number) => ok(api.GET('/api/v1/plans/targets/{id}', { params: id(targetId) })),
  report: (targetId: number, body: NewReport) => ok(api.POST('/api/v1/plans/targets/{id}/reports', { params: id(targetId), body })),
  review: (reportId: number, decision: ReviewDecision, comment?: string) =>
    ok(api.POST('/api/v1/plans/reports/{id}/review', { params: id(reportId), body: comment ? { decision, comment } : { decision } })),

  matrix: (planId: number, query: MatrixFilters = {}) => ok(api.GET('/api/v1/plans/{id}/matrix', { params: { ...id(planId), query } })),
  /** The matrix as Excel, for `fileOf`. */
  matrixExport: (planId: number, query: MatrixFilters = {}) => api.GET('/api/v1/plans/{id}/matrix/export', { params: { ...id(planId), query }, parseAs: 'blob' }),
}

/** Collection paths of the list kit. */
export const PLANS_PATH = '/api/v1/plans'
export const TARGETS_PATH = '/api/v1/plans/targets'
