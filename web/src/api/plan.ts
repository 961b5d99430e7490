/**
 * Annual work-plan supervision (督办), written by hand from docs/guide/plan-api.md until the
 * server's OpenAPI document (src/api/schema.d.ts) covers it; the JSON names are the contract's.
 */
import type { FileView } from './files'
import { http } from './http'
import type { Query } from './query'
import type { Page } from './types'

/** The states, generated from the server's OpenAPI document (codes.ts). */
import type { PlanStatus, Review as ReviewState, TargetStatus } from './codes'
export { PLAN_STATUSES, REVIEW_STATES, TARGET_STATUSES } from './codes'
export type { PlanStatus, ReviewState, TargetStatus }

export const CITY_SCOPES = ['all', 'some', 'none'] as const
export type CityScope = (typeof CITY_SCOPES)[number]

export const TIMELINE_ACTIONS = ['published', 'reported', 'accepted', 'returned', 'reminded', 'overdue'] as const
export type TimelineAction = (typeof TIMELINE_ACTIONS)[number]

export type ReviewDecision = 'accept' | 'return'

export interface PlanView {
  id: number
  year: number
  title: string
  doc_no?: string | null
  start_date: string
  end_date: string
  status: PlanStatus
  published_at?: string | null
  task_count: number
  target_count: number
  completed_count: number
  /** 0..1 */
  completion: number
  attachments: FileView[]
  version: number
  created_at: string
  updated_at: string
}

export interface TaskView {
  id: number
  point_id: number
  seq: number
  title: string
  lead_dept_id?: number | null
  lead_dept_name?: string | null
  participant_ids: number[]
  participant_names: string[]
  city_scope: CityScope
  city_codes: string[]
  deadline: string
  evidence: string
  version: number
}

export interface PointView {
  id: number
  seq: number
  title: string
  body: string
  tasks: TaskView[]
}

export interface PartView {
  id: number
  seq: number
  title: string
  points: PointView[]
}

export interface PlanDetail {
  plan: PlanView
  parts: PartView[]
}

/** A parsed (or hand-edited) plan text: parts `一、…` holding points `（一）…`. */
export interface OutlinePoint {
  seq: number
  title: string
  body: string
}
export interface OutlinePart {
  seq: number
  title: string
  points: OutlinePoint[]
}
export interface Outline {
  title?: string | null
  doc_no?: string | null
  parts: OutlinePart[]
}

export interface PlanInput {
  year: number
  title: string
  doc_no?: string | null
  start_date: string
  end_date: string
  attachment_ids?: number[]
}
export interface NewPlan extends PlanInput {
  outline?: Outline
}
export interface PlanUpdate extends PlanInput {
  version: number
}

export interface PartInput {
  seq?: number
  title: string
}
export interface PointInput {
  seq?: number
  title: string
  body?: string
}
export interface NewTask {
  title: string
  lead_dept_id?: number | null
  participant_ids?: number[]
  city_scope: CityScope
  city_codes?: string[]
  deadline: string
  evidence?: string
}

export interface TargetView {
  id: number
  plan_id: number
  plan_title: string
  plan_status: PlanStatus
  task_id: number
  task_title: string
  point_id: number
  point_seq: number
  point_title: string
  org_id: number
  org_name: string
  org_kind: string
  region_code: string
  region_name: string
  lead_dept_name?: string | null
  deadline: string
  status: TargetStatus
  /** 0..100 */
  percent: number
  review: ReviewState
  overdue: boolean
  last_report_at?: string | null
  version: number
}

export interface ReportView {
  id: number
  target_id: number
  status: TargetStatus
  percent: number
  text: string
  report_date: string
  submitted_by_name: string
  submitted_at: string
  review: ReviewState
  review_comment?: string | null
  reviewed_by_name?: string | null
  reviewed_at?: string | null
  attachments: FileView[]
}

export interface TimelineEntry {
  at: string
  actor_name: string
  action: TimelineAction | string
  detail?: string | null
}

export interface TargetDetail {
  target: TargetView
  task: TaskView
  evidence: string
  /** Newest first. */
  reports: ReportView[]
  /** Oldest first. */
  timeline: TimelineEntry[]
}

export interface NewReport {
  status: TargetStatus
  percent: number
  text: string
  report_date: string
  attachment_ids?: number[]
}

/** GET /plans/targets filters (also those of its export). */
export interface TargetFilters {
  plan_id?: number | null
  point_id?: number | null
  org_id?: number | null
  region_code?: string | null
  dept_id?: number | null
  status?: TargetStatus | ''
  review?: ReviewState | ''
  overdue?: boolean | '' | null
  q?: string
}

export interface MatrixCity {
  org_id: number
  name: string
  region_code: string
}
export interface MatrixPoint {
  id: number
  seq: number
  title: string
  part_seq: number
}
/** `done` when all its targets are completed, else `in_progress` when any was reported. */
export type CellStatus = TargetStatus
export interface MatrixCell {
  point_id: number
  org_id: number
  total: number
  completed: number
  status: CellStatus
  overdue: boolean
}
export interface Matrix {
  cities: MatrixCity[]
  points: MatrixPoint[]
  cells: MatrixCell[]
  by_city: { org_id: number; total: number; completed: number; rate: number }[]
  by_point: { point_id: number; total: number; completed: number; rate: number }[]
  total: number
  completed: number
  /** 0..1 */
  rate: number
}

export interface MatrixFilters {
  dept_id?: number | null
  region_code?: string | null
  /** A cell status, or `overdue` (cells with an overdue target). */
  status?: CellStatus | 'overdue' | ''
}

export const planApi = {
  list: (query: Query = {}) => http.get<Page<PlanView>>('/plans', query),
  create: (body: NewPlan) => http.post<PlanView>('/plans', body),
  get: (id: number) => http.get<PlanDetail>(`/plans/${id}`),
  update: (id: number, body: PlanUpdate) => http.put<PlanView>(`/plans/${id}`, body),
  remove: (id: number) => http.delete(`/plans/${id}`),
  publish: (id: number) => http.post<PlanView>(`/plans/${id}/publish`),
  close: (id: number) => http.post<PlanView>(`/plans/${id}/close`),
  previewImport: (text: string) => http.post<Outline>('/plans/import/preview', { text }),

  createPart: (planId: number, body: PartInput) => http.post<PartView>(`/plans/${planId}/parts`, body),
  updatePart: (id: number, body: Required<PartInput>) => http.put<void>(`/plans/parts/${id}`, body),
  removePart: (id: number) => http.delete(`/plans/parts/${id}`),
  createPoint: (partId: number, body: PointInput) => http.post<PointView>(`/plans/parts/${partId}/points`, body),
  updatePoint: (id: number, body: Required<PointInput>) => http.put<void>(`/plans/points/${id}`, body),
  removePoint: (id: number) => http.delete(`/plans/points/${id}`),
  createTask: (pointId: number, body: NewTask) => http.post<TaskView>(`/plans/points/${pointId}/tasks`, body),
  updateTask: (id: number, body: NewTask & { version: number }) => http.put<TaskView>(`/plans/tasks/${id}`, body),
  removeTask: (id: number) => http.delete(`/plans/tasks/${id}`),

  target: (id: number) => http.get<TargetDetail>(`/plans/targets/${id}`),
  report: (targetId: number, body: NewReport) => http.post<ReportView>(`/plans/targets/${targetId}/reports`, body),
  review: (reportId: number, decision: ReviewDecision, comment?: string) =>
    http.post<ReportView>(`/plans/reports/${reportId}/review`, comment ? { decision, comment } : { decision }),

  matrix: (planId: number, filters: MatrixFilters = {}) => http.get<Matrix>(`/plans/${planId}/matrix`, filters as Query),
}

/** Collection paths of the list kit and the downloads. */
export const PLANS_PATH = '/plans'
export const TARGETS_PATH = '/plans/targets'
export const matrixExportPath = (planId: number) => `/plans/${planId}/matrix/export`
