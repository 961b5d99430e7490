/**
 * Display and workflow helpers of the remediation tasks (整改) and the coordinated handling of
 * major events (协同处置): deadlines and overdue, the steps of each workflow, whose turn a step
 * is, and the colours of their states.
 */
import type { CurrentUser } from '@/api/types'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const DAY_MS = 86_400_000

/** Whole days from `today` to `deadline` (both YYYY-MM-DD): negative when past. */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
}

/** Whether a task is past its deadline: not accepted and the deadline before today (the server's `overdue`). */
export function isOverdue(task: { status: string; deadline: string }, today: string): boolean {
  return task.status !== 'accepted' && daysLeft(task.deadline, today) < 0
}

/**
 * How a task's deadline reads: `done` once accepted, `overdue` (with the days past), `soon` within
 * `soonDays`, else `open` (with the days left).
 */
export function deadlineState(task: { status: string; deadline: string; overdue?: boolean }, today: string, soonDays = 7): { kind: 'done' | 'overdue' | 'soon' | 'open'; days: number } {
  const days = daysLeft(task.deadline, today)
  if (task.status === 'accepted') return { kind: 'done', days }
  if (task.overdue || days < 0) return { kind: 'overdue', days: Math.max(0, -days) }
  return { kind: days <= soonDays ? 'soon' : 'open', days }
}

/** The tag colour of a task's status: awaiting review draws the province's eye, returned the organisation's. */
export function taskStatusType(s: string): TagType {
  return ({ assigned: 'primary', submitted: 'warning', returned: 'danger', accepted: 'success' } as Record<string, TagType>)[s] ?? 'info'
}

export function eventStatusType(s: string): TagType {
  return ({ open: 'danger', handling: 'warning', resolved: 'primary', assessed: 'success' } as Record<string, TagType>)[s] ?? 'info'
}

export function severityType(s: string): TagType {
  return ({ general: 'info', serious: 'warning', major: 'danger' } as Record<string, TagType>)[s] ?? 'info'
}

/** The steps of a task's workflow as el-steps shows them. */
export const TASK_STEPS = ['assigned', 'submitted', 'accepted'] as const

/**
 * Where a task stands on its steps (el-steps' `active`: the steps before it are done): assigned,
 * it waits for the evidence (step 1); submitted, for the review (step 2); accepted, all done. A
 * returned task is back at the evidence, flagged as returned.
 */
export function taskStep(status: string): { active: number; returned: boolean; finished: boolean } {
  switch (status) {
    case 'submitted':
      return { active: 2, returned: false, finished: false }
    case 'accepted':
      return { active: TASK_STEPS.length, returned: false, finished: true }
    case 'returned':
      return { active: 1, returned: true, finished: false }
    default:
      return { active: 1, returned: false, finished: false }
  }
}

/** The steps of an event's handling. */
export const EVENT_STEPS = ['open', 'handling', 'resolved', 'assessed'] as const

/** The index of an event's status on its steps (the steps before it are done). */
export function eventStep(status: string): number {
  const i = (EVENT_STEPS as readonly string[]).indexOf(status)
  return status === 'assessed' ? EVENT_STEPS.length : Math.max(0, i)
}

/** One entry of a task's history, from the fields the task keeps. */
export interface TaskEntry {
  action: 'assigned' | 'submitted' | 'accepted' | 'returned'
  at?: string | null
  by?: string | null
  note?: string | null
}

/**
 * A task's history as its fields tell it: assigned; the last submission (with its evidence and who
 * sent it, else the organisation); the last review (with its comment). A returned task shows its
 * return after the submission.
 */
export function taskHistory(t: { status: string; org_name: string; evidence?: string | null; submitted_at?: string | null; submitted_by?: string | null; review_comment?: string | null; reviewed_by_name?: string | null; reviewed_at?: string | null }): TaskEntry[] {
  const out: TaskEntry[] = [{ action: 'assigned', by: t.org_name }]
  const review: TaskEntry | null = t.reviewed_at ? { action: t.status === 'accepted' ? 'accepted' : 'returned', at: t.reviewed_at, by: t.reviewed_by_name, note: t.review_comment } : null
  const submission: TaskEntry | null = t.submitted_at ? { action: 'submitted', at: t.submitted_at, by: t.submitted_by || t.org_name, note: t.evidence } : null
  // A resubmission after a return is newer than the review that returned it.
  const entries = [submission, review].filter((e): e is TaskEntry => e !== null).sort((a, b) => String(a.at).localeCompare(String(b.at)))
  return [...out, ...entries]
}

type Who = Pick<CurrentUser, 'org'> | null | undefined

/** Whether the signed-in user belongs to the task's responsible organisation (who submits its evidence). */
export function isResponsible(task: { org_id: number }, user: Who): boolean {
  return !!user?.org && user.org.id === task.org_id
}

/** Whether the signed-in user belongs to an organisation taking part in an event (the lead included). */
export function takesPart(event: { lead_org_id: number; orgs: readonly { id: number }[] }, user: Who): boolean {
  if (!user?.org) return false
  const org = user.org.id
  return event.lead_org_id === org || event.orgs.some((o) => o.id === org)
}

/** Whether the signed-in user belongs to the event's lead organisation. */
export function leads(event: { lead_org_id: number }, user: Who): boolean {
  return !!user?.org && user.org.id === event.lead_org_id
}

/** The timeline dot's colour of an event's step. */
export function actionType(kind: string): TagType {
  return ({ report: 'danger', act: 'primary', resolve: 'success', assess: 'warning' } as Record<string, TagType>)[kind] ?? 'info'
}

/** A rating 1–5 clamped and rounded (the assessment's stars). */
export function clampRating(v: number | null | undefined, max = 5): number {
  if (v === null || v === undefined || !Number.isFinite(v)) return 0
  return Math.min(max, Math.max(0, Math.round(v)))
}

interface OrgLike {
  id: number
  kind: string
  region_code: string
  children?: OrgLike[]
}

/** The city bureau of a region in an organisation tree (the usual responsible organisation of a city's task), or null. */
export function cityBureauOf(tree: readonly OrgLike[], regionCode: string | null | undefined): number | null {
  if (!regionCode) return null
  for (const o of tree) {
    if (o.kind === 'city_bureau' && o.region_code === regionCode) return o.id
    const inner = cityBureauOf(o.children ?? [], regionCode)
    if (inner !== null) return inner
  }
  return null
}
