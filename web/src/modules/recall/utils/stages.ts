/**
 * What each record's stage allows (after the server's rules in crates/modules/recall/src:
 * investigations.rs, recalls.rs, warnings.rs), for showing only the buttons that can work: a step
 * is offered when the record is at a stage it starts from and the user holds its permission.
 */
import type { PermissionCode } from '@/api/codes'

interface StepRule {
  from: readonly string[]
  permission: PermissionCode
}

/** The steps of an investigation, in the order its page shows them. */
export const INVESTIGATION_STEPS = {
  notify: { from: ['opened'], permission: 'recall:investigation:notify' },
  analysis: { from: ['notified'], permission: 'recall:investigation:analysis' },
  // More experts may join during the review.
  assign: { from: ['analysed', 'expert_review'], permission: 'recall:investigation:assign' },
  opinion: { from: ['expert_review'], permission: 'recall:investigation:opinion' },
  conclude: { from: ['expert_review'], permission: 'recall:investigation:conclude' },
  order: { from: ['defect'], permission: 'recall:investigation:order' },
  close: { from: ['defect', 'no_defect', 'recall_ordered'], permission: 'recall:investigation:close' },
  talk: { from: ['opened', 'notified', 'analysed', 'expert_review', 'defect', 'no_defect', 'recall_ordered'], permission: 'recall:investigation:talk' },
} as const satisfies Record<string, StepRule>
export type InvestigationStep = keyof typeof INVESTIGATION_STEPS

/** The steps of a recall. */
export const RECALL_STEPS = {
  edit: { from: ['draft'], permission: 'recall:recall:update' },
  publish: { from: ['draft'], permission: 'recall:recall:publish' },
  progress: { from: ['published'], permission: 'recall:recall:progress' },
  effectiveness: { from: ['published', 'summarised'], permission: 'recall:recall:review' },
  summary: { from: ['published'], permission: 'recall:recall:progress' },
  close: { from: ['summarised'], permission: 'recall:recall:close' },
} as const satisfies Record<string, StepRule>
export type RecallStep = keyof typeof RECALL_STEPS

/** The steps of a warning. */
export const WARNING_STEPS = {
  edit: { from: ['draft'], permission: 'recall:warning:update' },
  submit: { from: ['draft'], permission: 'recall:warning:update' },
  review: { from: ['in_review'], permission: 'recall:warning:review' },
  publish: { from: ['approved'], permission: 'recall:warning:publish' },
} as const satisfies Record<string, StepRule>
export type WarningStep = keyof typeof WARNING_STEPS

/** The steps of `rules` a record at `status` allows to a user who `can`, in the rules' order. */
export function allowedSteps<K extends string>(rules: Record<K, StepRule>, status: string, can: (p: PermissionCode) => boolean): K[] {
  return (Object.keys(rules) as K[]).filter((k) => rules[k].from.includes(status) && can(rules[k].permission))
}

/** A step of the investigation's progress bar. */
export interface StageStep {
  /** A stage, or `conclusion` before the investigation is concluded. */
  key: string
  status: 'finish' | 'process' | 'wait' | 'success' | 'error'
}

/** What an investigation's timeline says of its course: its conclusion and whether a recall was ordered. */
export function courseOf(timeline: readonly { action: string; after?: unknown }[]): { verdict?: string; ordered: boolean } {
  const concluded = [...timeline].reverse().find((e) => e.action === 'conclude')
  const status = (concluded?.after as { status?: unknown } | null | undefined)?.status
  return { verdict: typeof status === 'string' ? status : undefined, ordered: timeline.some((e) => e.action === 'order') }
}

/**
 * The investigation's path for `el-steps`: opened → notified → analysed → expert review →
 * conclusion (defect or no defect) → recall ordered (after a defect, when ordered) → closed; the
 * current stage is `process` (`error` when overdue).
 */
export function stageSteps(status: string, course: { verdict?: string; ordered?: boolean } = {}, overdue = false): { steps: StageStep[]; active: number } {
  const verdict = status === 'defect' || status === 'no_defect' ? status : status === 'recall_ordered' ? 'defect' : course.verdict
  const ordered = status === 'recall_ordered' || !!course.ordered
  const withOrder = verdict !== 'no_defect' && !(status === 'closed' && !ordered)
  const path = ['opened', 'notified', 'analysed', 'expert_review', verdict ?? 'conclusion', ...(withOrder ? ['recall_ordered'] : []), 'closed']
  const at = status === 'closed' ? path.length : Math.max(0, path.indexOf(status))
  const steps = path.map((key, i): StageStep => {
    if (i < at) return { key, status: 'finish' }
    if (i === at) return { key, status: overdue ? 'error' : 'process' }
    return { key, status: 'wait' }
  })
  return { steps, active: at }
}
