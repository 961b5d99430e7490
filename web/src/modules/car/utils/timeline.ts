/** What a dispute's timeline (its audit entries) shows beside each step. */

/** The actions the server records on a dispute (crates/modules/car/src/disputes.rs, repairs.rs). */
export const DISPUTE_ACTIONS = ['create', 'update', 'add_repairs', 'update_repair', 'delete_repair', 'answer', 'mediate', 'assign_expert', 'experts', 'opinion', 'close'] as const

export interface DisputeFacts {
  /** The seller's answer's date. */
  answeredOn?: string
  /** The outcome a dispute was closed with. */
  outcome?: string
  /** The experts asked. */
  experts?: string[]
  /** The engine's remedy at intake. */
  remedy?: string
}

const s = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

export function disputeFacts(e: { action: string; after?: unknown }): DisputeFacts {
  const a = (e.after && typeof e.after === 'object' ? e.after : {}) as Record<string, unknown>
  const out: DisputeFacts = {}
  if (e.action === 'answer') out.answeredOn = s(a.answered_on)
  if (e.action === 'close') out.outcome = s(a.outcome)
  if (e.action === 'create') out.remedy = s(a.remedy)
  if (e.action === 'experts' && Array.isArray(a.experts)) out.experts = a.experts.filter((x): x is string => typeof x === 'string')
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as DisputeFacts
}

/** The entries shown: asking experts is recorded twice (the version bump, then the names), only the names are kept. */
export function shownEntries<E extends { action: string }>(entries: readonly E[]): E[] {
  return entries.filter((e) => e.action !== 'assign_expert')
}
