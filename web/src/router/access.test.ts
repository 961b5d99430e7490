import { describe, expect, it } from 'vitest'
import type { RouteRecordNormalized } from 'vue-router'
import { buildMenu, decideAccess } from './access'
import { layoutChildren, routes } from './routes'

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
    expect(menu.map((m) => m.path)).toEqual(['/', '/plan', '/quality', '/injury', '/recall', '/car', '/service', '/programme', '/assessment', '/system'])
    expect(menu[1].children.map((c) => c.path)).toEqual(['/plan/plans', '/plan/tasks', '/plan/reviews', '/plan/matrix'])
    expect(menu[2].children.map((c) => c.path)).toEqual(['/quality/indicators', '/quality/frameworks', '/quality/rounds', '/quality/values', '/quality/analysis', '/quality/reports', '/quality/actions'])
    expect(menu[3].children.map((c) => c.path)).toEqual(['/injury/points', '/injury/cases', '/injury/estimates', '/injury/reports', '/injury/signals', '/injury/register'])
    expect(menu[4].children.map((c) => c.path)).toEqual(['/recall/assessments', '/recall/investigations', '/recall/recalls', '/recall/warnings', '/recall/experts'])
    expect(menu[5].children.map((c) => c.path)).toEqual(['/car/disputes', '/car/makers', '/car/calendar', '/car/analysis', '/car/injuries'])
    expect(menu[6].children.map((c) => c.path)).toEqual(['/service/surveys', '/service/rounds', '/service/tasks', '/service/events'])
    expect(menu[7].children.map((c) => c.path)).toEqual(['/programme/rounds', '/programme/applications', '/programme/experts', '/programme/terms'])
    expect(menu[8].children.map((c) => c.path)).toEqual(['/assessment/years', '/assessment/evaluations', '/assessment/scoring', '/assessment/remediations', '/assessment/findings'])
    expect(menu[9].children.map((c) => c.path)).toContain('/system/users')
    expect(menu[9].children).toHaveLength(9)
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
  it('gives a monitoring point its cases and a regulator the signals without the rules', () => {
    const hospital = buildMenu(layoutChildren, ['injury:case:list', 'injury:case:view', 'injury:case:create', 'injury:case:import']).find((m) => m.path === '/injury')
    expect(hospital?.children.map((c) => c.path)).toEqual(['/injury/cases'])
    const staff = buildMenu(layoutChildren, ['injury:report:list', 'injury:signal:list', 'injury:estimate:view']).find((m) => m.path === '/injury')
    expect(staff?.children.map((c) => c.path)).toEqual(['/injury/estimates', '/injury/reports', '/injury/signals', '/injury/register'])
  })
})

describe('the public defect-report page', () => {
  it('is outside the layout and open without a session', () => {
    const page = routes.find((r) => r.name === 'public-defect-report')
    expect(page?.path).toBe('/public/defect-report')
    expect(page?.meta?.public).toBe(true)
    const to = { name: 'public-defect-report', meta: page?.meta ?? {}, matched: [{ meta: page?.meta ?? {} }] as unknown as RouteRecordNormalized[] }
    expect(decideAccess(to, { signedIn: false, mustChangePassword: false, permissions: [] }).kind).toBe('allow')
    // It comes before the catch-all page.
    expect(routes.findIndex((r) => r.name === 'public-defect-report')).toBeLessThan(routes.findIndex((r) => r.name === 'not-found'))
  })
})

describe('the public recall portal', () => {
  it('is outside the layout and open without a session, before the catch-all page', () => {
    for (const name of ['public-recalls', 'public-recall', 'public-warnings', 'public-warning']) {
      const page = routes.find((r) => r.name === name)
      expect(page?.path, name).toMatch(/^\/public\//)
      const to = { name, meta: page?.meta ?? {}, matched: [{ meta: page?.meta ?? {} }] as unknown as RouteRecordNormalized[] }
      expect(decideAccess(to, { signedIn: false, mustChangePassword: false, permissions: [] }).kind, name).toBe('allow')
      expect(routes.findIndex((r) => r.name === name)).toBeLessThan(routes.findIndex((r) => r.name === 'not-found'))
    }
  })
})

describe('the public programme pages', () => {
  it('are outside the layout and open without a session, before the catch-all page', () => {
    for (const name of ['public-programme-honours', 'public-programme-notices', 'public-programme-certificate']) {
      const page = routes.find((r) => r.name === name)
      expect(page?.path, name).toMatch(/^\/public\//)
      const to = { name, meta: page?.meta ?? {}, matched: [{ meta: page?.meta ?? {} }] as unknown as RouteRecordNormalized[] }
      expect(decideAccess(to, { signedIn: false, mustChangePassword: false, permissions: [] }).kind, name).toBe('allow')
      expect(routes.findIndex((r) => r.name === name)).toBeLessThan(routes.findIndex((r) => r.name === 'not-found'))
    }
  })
})
