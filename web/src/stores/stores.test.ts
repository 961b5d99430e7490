import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from './auth'
import { useDictStore } from './dict'
import { useTabsStore } from './tabs'
import { getCsrfToken } from '@/api/session'

/** Routes fetch calls to canned answers by "METHOD path". */
function serve(routes: Record<string, [number, unknown]>) {
  const seen: string[] = []
  vi.stubGlobal('fetch', async (request: Request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`
    seen.push(key)
    const [status, body] = routes[key] ?? [404, { code: 'not_found', message: key }]
    return new Response(body === undefined ? null : JSON.stringify(body), { status })
  })
  return seen
}

beforeEach(() => {
  setActivePinia(createPinia())
  sessionStorage.clear()
})
afterEach(() => vi.unstubAllGlobals())

const user = {
  id: 7, username: 'tianshui', display_name: '天水市局管理员', email: null, phone: null, status: 'active', must_change_password: false,
  org_id: 20, org_name: '天水市市场监督管理局', org_kind: 'city_bureau', region_code: '620500', region_name: '天水市',
  roles: [{ id: 3, code: 'city_admin', name: '市级管理员', name_en: 'City administrator' }],
  locked_until: null, last_login_at: null, created_at: '2023-01-01T00:00:00Z', updated_at: '2023-01-01T00:00:00Z', version: 1,
}
// GET /auth/me as the server answers it.
const me = { user, permissions: ['system:user:*', 'system:org:list'], data_scope: 'region', roles: ['city_admin'], must_change_password: false, csrf_token: 'c-me' }

describe('auth store', () => {
  it('logs in, keeps the CSRF token and reads the permissions', async () => {
    serve({
      'POST /api/v1/auth/login': [200, { token: 't', csrf_token: 'c-1', must_change_password: false, user }],
      'GET /api/v1/auth/me': [200, { ...me, csrf_token: 'c-1' }],
    })
    const auth = useAuthStore()
    await auth.login('tianshui', 'Longzhi@2023')
    expect(getCsrfToken()).toBe('c-1')
    expect(auth.user?.region).toEqual({ code: '620500', name: '天水市' })
    expect(auth.user?.org).toEqual({ id: 20, name: '天水市市场监督管理局', kind: 'city_bureau' })
    expect(auth.user?.roles).toEqual(['city_admin'])
    expect(auth.user?.name).toBe('天水市局管理员')
    expect(auth.user?.data_scope).toBe('region')
    expect(auth.can('system:user:create')).toBe(true)
    expect(auth.can('system:role:list')).toBe(false)
    expect(auth.mustChangePassword).toBe(false)
  })

  it('remembers a forced password change and clears it after the change', async () => {
    serve({
      'POST /api/v1/auth/login': [200, { token: 't', csrf_token: 'c', must_change_password: true, user: { ...user, must_change_password: true } }],
      'POST /api/v1/auth/password': [204, undefined],
      'GET /api/v1/auth/me': [200, me],
    })
    const auth = useAuthStore()
    await auth.login('tianshui', 'Initial@2023')
    expect(auth.mustChangePassword).toBe(true)
    await auth.changePassword('Initial@2023', 'Changed@2023x')
    expect(auth.mustChangePassword).toBe(false)
  })

  it('probes the session once and treats 401 as signed out', async () => {
    const seen = serve({ 'GET /api/v1/auth/me': [401, { code: 'auth.unauthenticated', message: 'no' }] })
    const auth = useAuthStore()
    expect(await auth.ensureLoaded()).toBeNull()
    expect(await auth.ensureLoaded()).toBeNull()
    expect(seen).toEqual(['GET /api/v1/auth/me'])
    expect(auth.signedIn).toBe(false)
  })

  it('takes a CSRF token from /auth/me when the server sends one (a new tab of a live session)', async () => {
    serve({ 'GET /api/v1/auth/me': [200, me] })
    const auth = useAuthStore()
    await auth.ensureLoaded()
    expect(getCsrfToken()).toBe('c-me')
    expect(auth.user?.username).toBe('tianshui')
  })

  it('forgets the session on logout even when the server call fails', async () => {
    serve({ 'POST /api/v1/auth/logout': [500, { code: 'internal', message: 'x' }] })
    const auth = useAuthStore()
    auth.user = { id: 1, username: 'a', name: 'a', org: null, region: null, roles: [], permissions: [], data_scope: 'all', must_change_password: false }
    await expect(auth.logout()).rejects.toBeTruthy()
    expect(auth.signedIn).toBe(false)
  })
})

describe('tabs store', () => {
  it('opens each page once, keeps affixed tabs, picks a neighbour on close', () => {
    const tabs = useTabsStore()
    tabs.open({ path: '/', fullPath: '/', title: 'menu.home', affix: true })
    tabs.open({ path: '/system/users', fullPath: '/system/users', title: 'menu.users', affix: false, name: 'UserList' })
    tabs.open({ path: '/system/roles', fullPath: '/system/roles', title: 'menu.roles', affix: false, name: 'RoleList' })
    expect(tabs.cached).toEqual(['UserList', 'RoleList'])
    tabs.open({ path: '/system/users', fullPath: '/system/users?page=2', title: 'menu.users', affix: false })
    expect(tabs.tabs.map((t) => t.path)).toEqual(['/', '/system/users', '/system/roles'])
    expect(tabs.tabs[1].fullPath).toBe('/system/users?page=2')
    expect(tabs.close('/')).toBeUndefined()
    expect(tabs.close('/system/users')?.path).toBe('/system/roles')
    expect(tabs.cached).toEqual(['RoleList'])
    expect(tabs.close('/system/roles')?.path).toBe('/')
    tabs.open({ path: '/a', fullPath: '/a', title: 'a', affix: false })
    tabs.open({ path: '/b', fullPath: '/b', title: 'b', affix: false })
    tabs.closeOthers('/a')
    expect(tabs.tabs.map((t) => t.path)).toEqual(['/', '/a'])
    tabs.closeAll()
    expect(tabs.tabs.map((t) => t.path)).toEqual(['/'])
  })
})

describe('dictionary store', () => {
  it('loads a type once, even when asked concurrently, and labels by locale', async () => {
    const seen = serve({
      'GET /api/v1/dicts/org_kind': [200, [
        { id: 2, type_code: 'org_kind', value: 'enterprise', label: '企业', label_en: 'Enterprise', sort: 2, status: 'active', version: 1 },
        { id: 1, type_code: 'org_kind', value: 'city_bureau', label: '市级局', label_en: 'City bureau', sort: 1, status: 'active', version: 1 },
        { id: 3, type_code: 'org_kind', value: 'gone', label: '停用', label_en: 'Gone', sort: 3, status: 'disabled', version: 1 },
      ]],
    })
    const dict = useDictStore()
    const [a, b] = await Promise.all([dict.load('org_kind'), dict.load('org_kind')])
    expect(a).toBe(b)
    await dict.load('org_kind')
    expect(seen).toEqual(['GET /api/v1/dicts/org_kind'])
    expect(a.map((i) => i.value)).toEqual(['city_bureau', 'enterprise'])
    expect(dict.label('org_kind', 'enterprise', 'zh-CN')).toBe('企业')
    expect(dict.label('org_kind', 'enterprise', 'en')).toBe('Enterprise')
    expect(dict.label('org_kind', 'unknown', 'en')).toBe('unknown')
    dict.invalidate('org_kind')
    await dict.load('org_kind')
    expect(seen).toHaveLength(2)
  })
})
