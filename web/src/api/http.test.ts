import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureHttp, http } from './http'
import { ApiError } from './errors'
import { setCsrfToken } from './session'

type Call = { url: string; init: RequestInit }
let calls: Call[]
function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
  })
}

beforeEach(() => {
  calls = []
  sessionStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

describe('the fetch wrapper', () => {
  it('sends the session cookie, the locale and, on writes, the CSRF token', async () => {
    configureHttp({ locale: () => 'en' })
    setCsrfToken('tok-1')
    answer(200, { items: [], total: 0, page: 1, page_size: 20 })
    await http.get('/system/users', { page: 2, q: '天水' })
    answer(201, { id: 1 })
    await http.post('/system/users', { username: 'x' })
    const [get, post] = calls
    expect(get.url).toBe('/api/v1/system/users?page=2&q=%E5%A4%A9%E6%B0%B4')
    expect(get.init.credentials).toBe('same-origin')
    const gh = new Headers(get.init.headers)
    expect(gh.get('Accept-Language')).toBe('en')
    expect(gh.get('X-CSRF-Token')).toBeNull()
    const ph = new Headers(post.init.headers)
    expect(ph.get('X-CSRF-Token')).toBe('tok-1')
    expect(ph.get('Content-Type')).toBe('application/json')
    expect(post.init.body).toBe('{"username":"x"}')
  })

  it('turns error bodies into ApiError and runs the redirect hooks', async () => {
    const onUnauthenticated = vi.fn()
    const onPasswordChangeRequired = vi.fn()
    configureHttp({ onUnauthenticated, onPasswordChangeRequired })
    answer(401, { code: 'auth.session_expired', message: 'expired', request_id: 'r' })
    await expect(http.get('/auth/me')).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    answer(403, { code: 'auth.password_change_required', message: 'change' })
    await expect(http.get('/system/users')).rejects.toMatchObject({ code: 'auth.password_change_required', status: 403 })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
    answer(403, { code: 'auth.forbidden', message: 'no' })
    await expect(http.delete('/system/users/1')).rejects.toMatchObject({ code: 'auth.forbidden' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('does not redirect for quiet calls (login, the session probe)', async () => {
    const onUnauthenticated = vi.fn()
    configureHttp({ onUnauthenticated })
    answer(401, { code: 'auth.invalid_credentials', message: 'wrong' })
    await expect(http.post('/auth/login', {}, { quiet: true })).rejects.toMatchObject({ code: 'auth.invalid_credentials' })
    expect(onUnauthenticated).not.toHaveBeenCalled()
  })

  it('answers undefined for 204', async () => {
    answer(204, undefined)
    await expect(http.delete('/system/sessions/abc')).resolves.toBeUndefined()
  })
})
