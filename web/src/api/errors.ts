/** The server's one error shape (docs/api.md) as a typed exception, and its mapping for forms. */

import type { components } from './schema'

/** A broken rule of a 422 answer (`fields[]`). */
export type FieldError = components['schemas']['FieldBody']

/** The server's error body (docs/api.md#errors). */
export type ErrorBody = components['schemas']['ErrorBody']

/**
 * What an ApiError is built from: the server's error body, with any string as `code` (a newer
 * server's code, the client's own `client.*`) and the request id optional (answers that are not
 * the server's, such as a proxy's error page, have none).
 */
export type ErrorBodyLike = Omit<ErrorBody, 'code' | 'request_id'> & { code: string; request_id?: string }

/**
 * Every error code of the server (`ERROR_CODES`, with its type `ErrorCode`) is generated from the
 * OpenAPI document into `codes.ts`; the UI translates each (`errors.<code>`). An error body's
 * `code` stays a string: a newer server may send a code this console does not know yet, and its
 * (localised) message is then shown.
 */
export { ERROR_CODES, type ErrorCode } from './codes'

/**
 * Codes whose server message carries details the code alone lacks (the lock-out's end, the taken
 * field, the parse error): the server's message, already in the UI language, is shown for them.
 */
export const DETAILED_CODES: readonly string[] = ['auth.locked', 'auth.too_many_attempts', 'conflict.duplicate', 'validation.body', 'import.too_large']

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: FieldError[]
  readonly requestId?: string

  constructor(status: number, body: ErrorBodyLike) {
    super(body.message)
    this.name = 'ApiError'
    this.status = status
    this.code = body.code
    this.fields = body.fields ?? []
    this.requestId = body.request_id
  }
}

/** Codes the client itself raises when no server answer could be read. */
export const NETWORK_ERROR = 'client.network'
export const BAD_RESPONSE = 'client.bad_response'

function isErrorBody(v: unknown): v is ErrorBodyLike {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorBodyLike).code === 'string' &&
    typeof (v as ErrorBodyLike).message === 'string'
  )
}

/** Builds the ApiError of a failed response from its (possibly non-JSON) body text. */
export function errorFromResponse(status: number, text: string): ApiError {
  try {
    const parsed: unknown = JSON.parse(text)
    if (isErrorBody(parsed)) return new ApiError(status, parsed)
  } catch {
    // not JSON: a proxy or the server's fallback page
  }
  const code = status === 401 ? 'auth.unauthenticated' : status === 404 ? 'not_found' : status >= 500 ? 'internal' : BAD_RESPONSE
  return new ApiError(status, { code, message: text.slice(0, 200) || `HTTP ${status}` })
}

/** 422 field errors → `{field: message}` for a form; the first message per field wins. */
export function fieldErrorMap(err: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const f of err.fields) {
    if (!(f.field in out)) out[f.field] = f.message
  }
  return out
}

type Translate = (key: string, params?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

/**
 * The message to show for an error: the UI's own translation of its code when one exists,
 * otherwise the server's (already localised) message.
 */
export function errorMessage(err: unknown, t: Translate, te: Exists): string {
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`
    const own = te(key) && !(DETAILED_CODES.includes(err.code) && err.message) ? t(key) : err.message
    return err.code === 'internal' && err.requestId ? `${own} (${err.requestId})` : own
  }
  if (err instanceof Error && err.message) return `${t(`errors.${NETWORK_ERROR}`)}: ${err.message}`
  return t(`errors.${NETWORK_ERROR}`)
}
