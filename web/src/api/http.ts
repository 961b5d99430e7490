/**
 * The fetch wrapper every API call goes through: cookie session, `X-CSRF-Token` on non-GET,
 * `Accept-Language` from the UI locale, error bodies → ApiError, and hooks for the two errors
 * that move the user to another page (401 → login, password change required → change page).
 */
import { ApiError, errorFromResponse } from './errors'
import { buildQuery, type Query } from './query'
import { getCsrfToken } from './session'

export const API_BASE = '/api/v1'

export interface RequestOptions {
  query?: Query
  body?: unknown
  form?: FormData
  signal?: AbortSignal
  /** Do not run the redirect hooks (the login call itself, the session probe). */
  quiet?: boolean
}

interface Hooks {
  locale: () => string
  onUnauthenticated: () => void
  onPasswordChangeRequired: () => void
}

const hooks: Hooks = {
  locale: () => document.documentElement.lang || 'zh-CN',
  onUnauthenticated: () => {},
  onPasswordChangeRequired: () => {},
}

export function configureHttp(h: Partial<Hooks>): void {
  Object.assign(hooks, h)
}

function headersFor(method: string, opts: RequestOptions): Headers {
  const h = new Headers({ Accept: 'application/json', 'Accept-Language': hooks.locale() })
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = getCsrfToken()
    if (csrf) h.set('X-CSRF-Token', csrf)
  }
  if (opts.body !== undefined && !opts.form) h.set('Content-Type', 'application/json')
  return h
}

async function send(method: string, path: string, opts: RequestOptions): Promise<Response> {
  const url = `${API_BASE}${path}${opts.query ? buildQuery(opts.query) : ''}`
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: headersFor(method, opts),
    body: opts.form ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
    signal: opts.signal,
  })
  if (res.ok) return res
  const err = errorFromResponse(res.status, await res.text())
  if (!opts.quiet) {
    if (err.status === 401) hooks.onUnauthenticated()
    else if (err.code === 'auth.password_change_required') hooks.onPasswordChangeRequired()
  }
  throw err
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T = void>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
}

export interface DownloadedFile {
  blob: Blob
  filename: string
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` preferred). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[2].trim())
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : fallback
}

/** GETs a file (an export, an import template) with the session and the locale. */
export async function fetchFile(path: string, query: Query | undefined, fallbackName: string): Promise<DownloadedFile> {
  const res = await send('GET', path, { query })
  const blob = await res.blob()
  return { blob, filename: filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName) }
}

export { ApiError }
