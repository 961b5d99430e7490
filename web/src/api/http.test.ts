import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, configureHttp, dynamic, fileOf, ok, quiet } from './http'
import { ApiError } from './errors'
import { setCsrfToken } from './session'

let calls: Request[]
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', async (request: Request) => {
    calls.push(request)
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(text, { status, headers: { 'Content-Type': 'application/json', ...headers } })
  })
}
/** Path and query of a request, as the server sees them. */
const target = (r: Request) => {
  const u = new URL(r.url)
  return decodeURIComponent(u.pathname) + u.search
}

beforeEach(() => {
  calls = []
  sessionStorage.clear()
  configureHttp({ locale: () => 'zh-CN', onUnauthenticated: () => {}, onPasswordChangeRequired: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

describe('the typed client', () => {
  it('builds the path and the query from the typed parameters, leaving empty values out', async () => {
    answer(200, { items: [], total: 0, page: 2, page_size: 20 })
    const page = await ok(api.GET('/api/v1/system/users', { params: { query: { page: 2, q: '天水', status: undefined, org_id: undefined, sort: '' } } }))
    expect(page.total).toBe(0)
    expect(calls[0].method).toBe('GET')
    expect(target(calls[0])).toBe('/api/v1/system/users?page=2&q=%E5%A4%A9%E6%B0%B4')
    answer(200, [])
    await ok(api.GET('/api/v1/dicts/{type}', { params: { path: { type: 'org kind/x' } } }))
    expect(new URL(calls[1].url).pathname).toBe('/api/v1/dicts/org%20kind%2Fx')
  })

  it('sends the session cookie, the locale and, on writes, the CSRF token and JSON', async () => {
    configureHttp({ locale: () => 'en' })
    setCsrfToken('tok-1')
    answer(200, { count: 3 })
    expect(await ok(api.GET('/api/v1/notices/unread-count'))).toEqual({ count: 3 })
    answer(201, { id: 1 })
    await ok(api.POST('/api/v1/system/users', { body: { username: 'x', display_name: 'X', org_id: 1, password: 'p' } }))
    const [get, post] = calls
    expect(get.credentials).toBe('same-origin')
    expect(get.headers.get('Accept-Language')).toBe('en')
    expect(get.headers.get('Accept')).toBe('application/json')
    expect(get.headers.get('X-CSRF-Token')).toBeNull()
    expect(post.method).toBe('POST')
    expect(post.headers.get('X-CSRF-Token')).toBe('tok-1')
    expect(post.headers.get('Content-Type')).toBe('application/json')
    expect(await post.text()).toBe('{"username":"x","display_name":"X","org_id":1,"password":"p"}')
  })

  it('sends files as multipart without a JSON content type', async () => {
    answer(201, { id: 9, name: 'a.txt', mime: 'text/plain', size: 1, sha256: '', created_at: '' })
    const form = new FormData()
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'a.txt')
    await ok(api.POST('/api/v1/files', { body: form }))
    expect(calls[0].headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/)
  })

  it('answers undefined for 204', async () => {
    answer(204, undefined)
    await expect(ok(api.DELETE('/api/v1/system/sessions/{id}', { params: { path: { id: 'abc' } } }))).resolves.toBeUndefined()
    expect(calls[0].method).toBe('DELETE')
    expect(target(calls[0])).toBe('/api/v1/system/sessions/abc')
  })
})

describe('errors', () => {
  it('turns error bodies into ApiError and runs the redirect hooks', async () => {
    const onUnauthenticated = vi.fn()
    const onPasswordChangeRequired = vi.fn()
    configureHttp({ onUnauthenticated, onPasswordChangeRequired })
    answer(401, { code: 'auth.session_expired', message: 'expired', request_id: 'r' })
    const err = await ok(api.GET('/api/v1/auth/sessions')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 401, code: 'auth.session_expired', message: 'expired', requestId: 'r' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    answer(403, { code: 'auth.password_change_required', message: 'change', request_id: 'r' })
    await expect(ok(api.GET('/api/v1/system/roles'))).rejects.toMatchObject({ code: 'auth.password_change_required', status: 403 })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    answer(403, { code: 'auth.forbidden', message: 'no', request_id: 'r' })
    await expect(ok(api.DELETE('/api/v1/system/users/{id}', { params: { path: { id: 1 } } }))).rejects.toMatchObject({ code: 'auth.forbidden' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('keeps the 422 fields', async () => {
    answer(422, { code: 'validation.field', message: 'bad', request_id: 'r', fields: [{ field: 'title', rule: 'required', message: 'needed' }] })
    await expect(ok(api.POST('/api/v1/plans/import/preview', { body: { text: '' } }))).rejects.toMatchObject({ status: 422, fields: [{ field: 'title', rule: 'required' }] })
  })

  it('gives answers that are not the server’s a code by status and the request id of the header', async () => {
    answer(502, '<html>Bad gateway</html>', { 'Content-Type': 'text/html', 'X-Request-Id': 'rid-7' })
    await expect(ok(api.GET('/api/v1/auth/sessions'))).rejects.toMatchObject({ status: 502, code: 'internal', requestId: 'rid-7' })
  })

  it('does not redirect for quiet calls (login, the session probe)', async () => {
    const onUnauthenticated = vi.fn()
    configureHttp({ onUnauthenticated })
    answer(401, { code: 'auth.invalid_credentials', message: 'wrong', request_id: 'r' })
    await expect(ok(api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' }, middleware: [quiet] }))).rejects.toMatchObject({ code: 'auth.invalid_credentials' })
    expect(onUnauthenticated).not.toHaveBeenCalled()
    await expect(ok(api.GET('/api/v1/auth/sessions'))).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('lets a network failure through as it is', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    await expect(ok(api.GET('/api/v1/auth/sessions'))).rejects.toThrow('Failed to fetch')
  })
})

describe('downloads and run-time paths', () => {
  it('reads a file and its name from Content-Disposition', async () => {
    answer(200, 'xlsx-bytes', { 'Content-Type': 'application/octet-stream', 'Content-Disposition': "attachment; filename=\"m.xlsx\"; filename*=UTF-8''%E7%9F%A9%E9%98%B5.xlsx" })
    const file = await fileOf(api.GET('/api/v1/plans/{id}/matrix/export', { params: { path: { id: 3 }, query: { status: 'overdue' } }, parseAs: 'blob' }), 'matrix.xlsx')
    expect(file.filename).toBe('矩阵.xlsx')
    expect(await file.blob.text()).toBe('xlsx-bytes')
    expect(target(calls[0])).toBe('/api/v1/plans/3/matrix/export?status=overdue')
  })

  it('calls a path put together at run time through the same client', async () => {
    setCsrfToken('tok-2')
    answer(204, undefined)
    await ok(dynamic('DELETE', '/api/v1/system/dicts/{type}/items/{id}', { params: { path: { type: 'org_kind', id: 4 } } }))
    expect(target(calls[0])).toBe('/api/v1/system/dicts/org_kind/items/4')
    expect(calls[0].headers.get('X-CSRF-Token')).toBe('tok-2')
    answer(404, { code: 'not_found', message: 'gone', request_id: 'r' })
    await expect(ok(dynamic('GET', '/api/v1/system/orgs/tree', { params: { query: { q: '兰州', kind: '' } } }))).rejects.toMatchObject({ code: 'not_found' })
    expect(target(calls[1])).toBe('/api/v1/system/orgs/tree?q=%E5%85%B0%E5%B7%9E')
  })
})
