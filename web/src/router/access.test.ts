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
    expect(menu.map((m) => m.path)).toEqual(['/', '/plan', '/quality', '/system'])
    expect(menu[1].children.map((c) => c.path)).toEqual(['/plan/plans', '/plan/tasks', '/plan/reviews', '/plan/matrix'])
    expect(menu[2].children.map((c) => c.path)).toEqual(['/quality/indicators', '/quality/frameworks', '/quality/rounds', '/quality/values', '/quality/analysis', '/quality/reports', '/quality/actions'])
    expect(menu[3].children.map((c) => c.path)).toContain('/system/users')
    expect(menu[3].children).toHaveLength(9)
  })

  it('shows only permitted pages and drops empty groups', () => {
    const menu = buildMenu(layoutChildren, ['system:user:list', 'plan:task:list'])
    expect(menu[1].children.map((c) => c.path)).toEqual(['/plan/tasks'])
    expect(menu[2].children.map((c) => c.path)).toEqual(['/system/users'])
    expect(buildMenu(layoutChildren, []).map((m) => m.path)).toEqual(['/'])
  })

  it('gives a city bureau its plan pages but not the plan list actions it lacks', () => {
    // city_admin's plan grants (docs/guide/plan-api.md "Permissions").
    const city = ['plan:plan:list', 'plan:plan:view', 'plan:task:list', 'plan:task:view', 'plan:task:report', 'plan:matrix:list']
    const plan = buildMenu(layoutChildren, city).find((m) => m.path === '/plan')
    expect(plan?.children.map((c) => c.path)).toEqual(['/plan/plans', '/plan/tasks', '/plan/matrix'])
    // A department reports on its own targets only.
    const dept = buildMenu(layoutChildren, ['plan:task:list', 'plan:task:view', 'plan:task:report']).find((m) => m.path === '/plan')
    expect(dept?.children.map((c) => c.path)).toEqual(['/plan/tasks'])
  })

  it('hides pages marked hidden (profile, 403, a plan, notices)', () => {
    const all = JSON.stringify(buildMenu(layoutChildren, ['*:*:*']))
    expect(all).not.toContain('profile')
    expect(all).not.toContain('403')
    expect(all).not.toContain(':id')
    expect(all).not.toContain('notices')
  })
})
