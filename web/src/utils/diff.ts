/** Field-by-field comparison of an audit record's before/after snapshots. */

export type ChangeKind = 'added' | 'removed' | 'changed' | 'same'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
  kind: ChangeKind
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** A snapshot as an object (null for none, or for anything that is not a JSON object). */
export function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null
}

/** One row per field present on either side, changed fields first, then alphabetical. */
export function diffRecords(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  const rows: FieldChange[] = []
  for (const field of keys) {
    const hasB = before !== null && field in before
    const hasA = after !== null && field in after
    const b = hasB ? before![field] : undefined
    const a = hasA ? after![field] : undefined
    const kind: ChangeKind = !hasB ? 'added' : !hasA ? 'removed' : same(a, b) ? 'same' : 'changed'
    rows.push({ field, before: b, after: a, kind })
  }
  const rank = (k: ChangeKind) => (k === 'same' ? 1 : 0)
  return rows.sort((x, y) => rank(x.kind) - rank(y.kind) || x.field.localeCompare(y.field))
}

/** A value as shown in the diff table. */
export function showValue(v: unknown): string {
  if (v === undefined) return ''
  if (v === null) return 'null'
  return typeof v === 'string' ? v : JSON.stringify(v)
}
