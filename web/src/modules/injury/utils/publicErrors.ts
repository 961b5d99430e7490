/** What the public form shows for a refused report: the rate limit, the fields' errors, or the error itself. */
import { ApiError, fieldErrorMap } from '@/api/errors'
import { fieldMessage } from './fieldMessage'

export type PublicProblem = { kind: 'rate_limited' } | { kind: 'fields'; fields: Record<string, string> } | { kind: 'other' }

export function publicProblem(e: unknown): PublicProblem {
  if (e instanceof ApiError && (e.status === 429 || e.code === 'request.rate_limited')) return { kind: 'rate_limited' }
  if (e instanceof ApiError && e.fields.length) {
    const fields = Object.fromEntries(Object.entries(fieldErrorMap(e)).map(([f, m]) => [f, fieldMessage(f, m)]))
    return { kind: 'fields', fields }
  }
  return { kind: 'other' }
}
