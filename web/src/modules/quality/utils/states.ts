/** The colours and label keys of the module's states (frameworks, rounds, submissions, actions, jobs). */
type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export type StateKind = 'framework' | 'round' | 'submission' | 'action' | 'job'

const TYPES: Record<StateKind, Record<string, TagType>> = {
  framework: { draft: 'warning', published: 'success', closed: 'info' },
  round: { open: 'primary', closed: 'info' },
  // Awaiting review draws the province's eye; returned the city's.
  submission: { draft: 'info', submitted: 'warning', returned: 'danger', approved: 'success' },
  action: { ongoing: 'primary', completed: 'success' },
  job: { queued: 'info', running: 'primary', done: 'success', failed: 'danger' },
}

/** The i18n group holding each kind's `statuses`. */
const GROUPS: Record<StateKind, string> = { framework: 'quality.fw', round: 'quality.round', submission: 'quality.submission', action: 'quality.action', job: 'quality.job' }

export function stateType(kind: StateKind, value: string): TagType {
  return TYPES[kind][value] ?? 'info'
}

export function stateKey(kind: StateKind, value: string): string {
  return `${GROUPS[kind]}.statuses.${value}`
}
