import { describe, expect, it } from 'vitest'
import type { RouteRecordNormalized } from 'vue-router'
import { buildMenu, decideAccess } from './access'
import { layoutChildren } from './routes'

const route = (name: string, permission?: string, isPublic = false) => ({
  name,
  meta: { public: isPublic },
  matched: [{ meta: {} }, { meta: { permission } }] as unknown as RouteRecordNormalized[],
})
const viewer = (permissions: string[], mustChangePassword = false) => ({ signedIn: true, mustChangePassword, permissions })

describe('route access', () => {
  it('lets public pages through and sends the signed-out to login', () => {
    expect(decideAccess(route('login', undefined, true), { signedIn: false, mustChangePassword: false, permissions: [] }).kind).toBe('allow')
    expect(decideAccess(route('home'), { signedIn: false, mustChangePassword: false, permissions: [] }).kind).toBe('login')
  })

  it('holds everyone on the change-password page until the initial password is changed', () => {
    expect(decideAccess(route('home'), viewer(['*:*:*'], true)).kind).toBe('change-password')
    expect(decideAccess(route('change-password'), viewer([], true)).kind).toBe('allow')
  })

  it('refuses pages whose permission is missing', () => {
    expect(decideAccess(route('system-users', 'system:user:list'), viewer(['system:user:*'])).kind).toBe('allow')
    expect(decideAccess(route('system-roles', 'system:role:list'), viewer(['system:user:*'])).kind).toBe('forbidden')
    expect(decideAccess(route('home'), viewer([])).kind).toBe('allow')
  })
})

describe('the sidebar menu', () => {
  it('shows everything to `*:*:*`', () => {
    const menu = buildMenu(layoutChildren, ['*:*:*'])
    expect(menu.map((m) => m.path)).toEqual(['/', '/system'])
    expect(menu[1].children.map((c) => c.path)).toContain('/system/users')
    expect(menu[1].children).toHaveLength(9)
  })

  it('shows only permitted pages and drops empty groups', () => {
    const menu = buildMenu(layoutChildren, ['system:user:list', 'plan:task:list'])
    expect(menu[1].children.map((c) => c.path)).toEqual(['/system/users'])
    expect(buildMenu(layoutChildren, []).map((m) => m.path)).toEqual(['/'])
  })

  it('hides pages marked hidden (profile, 403)', () => {
    const all = JSON.stringify(buildMenu(layoutChildren, ['*:*:*']))
    expect(all).not.toContain('profile')
    expect(all).not.toContain('403')
  })
})
