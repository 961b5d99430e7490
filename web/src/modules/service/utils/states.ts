/** The colours and text keys of the module's states (questionnaires, rounds, jobs) and data-quality flags. */
import type { RoundStatus } from '../api'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export type StateKind = 'survey' | 'round' | 'job' | 'flag' | 'channel'

const TYPES: Record<StateKind, Record<string, TagType>> = {
  survey: { draft: 'warning', active: 'success', retired: 'info' },
  round: { design: 'info', fieldwork: 'primary', closed: 'warning', published: 'success' },
  job: { queued: 'info', running: 'primary', done: 'success', failed: 'danger' },
  flag: { straight_line: 'warning', speeding: 'warning', out_of_range: 'danger', missing: 'info' },
  channel: { staff: 'primary', import: 'info', link: 'success' },
}

/** The i18n group holding each kind's labels. */
const GROUPS: Record<StateKind, string> = {
  survey: 'service.survey.statuses',
  round: 'service.round.statuses',
  job: 'service.job.statuses',
  flag: 'service.flags',
  channel: 'service.response.channels',
}

export function stateType(kind: StateKind, value: string): TagType {
  return TYPES[kind][value] ?? 'info'
}

export function stateKey(kind: StateKind, value: string): string {
  return kind === 'flag' ? `${GROUPS.flag}.${value}.label` : `${GROUPS[kind]}.${value}`
}

/** The round's steps in order, and the index of the step a status stands at (for el-steps). */
export const ROUND_STEPS: readonly RoundStatus[] = ['design', 'fieldwork', 'closed', 'published']
export const stepIndex = (status: string): number => Math.max(0, ROUND_STEPS.indexOf(status as RoundStatus))

export interface RoundState {
  status: string
  computed_at?: string | null
}

/** Which step buttons a round shows (the caller's permissions are checked apart). */
export function roundSteps(r: RoundState): { open: boolean; close: boolean; compute: boolean; publish: boolean; results: boolean } {
  return {
    open: r.status === 'design',
    close: r.status === 'fieldwork',
    compute: r.status === 'fieldwork' || r.status === 'closed',
    publish: r.status === 'closed' && !!r.computed_at,
    results: !!r.computed_at,
  }
}
