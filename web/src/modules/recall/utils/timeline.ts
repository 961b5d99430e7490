/** What a timeline entry (an audit entry's action and the fields it set) shows beside its action. */
import type { TimelineEntry } from '../api'

/** The kinds of record with a timeline: their status fields are labelled differently. */
export type TimelineKind = 'investigation' | 'recall' | 'warning'

/** Actions whose `after` is not the record (or whose status did not move): no status shown. */
const NO_STATUS = new Set(['update', 'progress', 'progress_report', 'talk', 'assign_expert', 'opinion', 'effectiveness', 'reminded'])

export interface TimelineFacts {
  /** The record's status after the step. */
  status?: string
  expert?: string
  defect?: boolean
  /** A progress report's period end and units. */
  periodEnd?: string
  notified?: number
  corrected?: number
  /** An effectiveness verdict. */
  verdict?: string
  /** A talk's date and place. */
  heldOn?: string
  place?: string
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

export function timelineFacts(e: Pick<TimelineEntry, 'action' | 'after'>): TimelineFacts {
  const a = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>
  const out: TimelineFacts = {}
  if (!NO_STATUS.has(e.action)) out.status = s(a.status)
  if (e.action === 'assign_expert') out.expert = s(a.expert)
  if (e.action === 'opinion' && typeof a.defect === 'boolean') out.defect = a.defect
  if (e.action === 'progress_report') Object.assign(out, { periodEnd: s(a.period_end), notified: n(a.notified), corrected: n(a.corrected) })
  if (e.action === 'effectiveness') out.verdict = s(a.effectiveness)
  if (e.action === 'talk') Object.assign(out, { heldOn: s(a.held_on), place: s(a.place) })
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as TimelineFacts
}

/**
 * The entries a timeline shows: a progress report is recorded twice (the report, and the recall's
 * next due date it moved), so only the report is kept.
 */
export function shownEntries<E extends { action: string }>(entries: readonly E[]): E[] {
  return entries.filter((e) => e.action !== 'progress')
}
