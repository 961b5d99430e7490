import { describe, expect, it } from 'vitest'
import { setActivePinia, createPinia } from 'pinia'
import type { RouteRecordRaw } from 'vue-router'
import { PERMISSION_CODES } from './codes'
import { layoutChildren } from '@/router/routes'
import { useAuthStore } from '@/stores/auth'
import { isPermissionCode } from '@/utils/permission'

function permissionsOf(routes: RouteRecordRaw[]): string[] {
  return routes.flatMap((r) => [...(r.meta?.permission ? [r.meta.permission] : []), ...permissionsOf(r.children ?? [])])
}

describe('permission codes generated from the server catalogue', () => {
  it('hold the catalogue, once each', () => {
    expect(PERMISSION_CODES).toContain('plan:task:report')
    expect(PERMISSION_CODES).toContain('system:user:reset')
    expect(new Set(PERMISSION_CODES).size).toBe(PERMISSION_CODES.length)
    expect(isPermissionCode('system:user:list')).toBe(true)
    expect(isPermissionCode('system:user:fly')).toBe(false)
  })

  it('cover every permission a page asks for', () => {
    const asked = permissionsOf(layoutChildren)
    expect(asked.length).toBeGreaterThan(5)
    for (const p of asked) expect(isPermissionCode(p), p).toBe(true)
  })

  it('are the only codes auth.can() accepts', () => {
    setActivePinia(createPinia())
    const auth = useAuthStore()
    expect(auth.can('plan:task:report')).toBe(false)
    // @ts-expect-error a permission the catalogue lacks does not type-check
    expect(auth.can('plan:task:reprot')).toBe(false)
    expect(auth.can()).toBe(true)
  })
})
