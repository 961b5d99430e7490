/**
 * A date-range filter of whole local days → RFC 3339 instants, as the server's `from`/`to`
 * (`DateTime<Utc>`) expect: `from` at the start of the first day, `to` at the end of the last.
 */
import type { Query } from '@/api/query'

export function dayRangeParams(range: readonly [string, string] | null | undefined, fromKey = 'from', toKey = 'to'): Query {
  if (!range || range.length !== 2) return {}
  const start = new Date(`${range[0]}T00:00:00`)
  const end = new Date(`${range[1]}T23:59:59.999`)
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return {}
  return { [fromKey]: start.toISOString(), [toKey]: end.toISOString() }
}
