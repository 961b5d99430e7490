import { describe, expect, it } from 'vitest'
import type { RouteRecordNormalized } from 'vue-router'
import { decideAccess } from '@/router/access'
import { routes } from '@/router/routes'

describe('the public 三包 self-check', () => {
  it('is outside the layout and open without a session, before the catch-all page', () => {
    const page = routes.find((r) => r.name === 'public-sanbao')
    expect(page?.path).toBe('/public/sanbao')
    expect(page?.meta?.public).toBe(true)
    const to = { name: 'public-sanbao', meta: page?.meta ?? {}, matched: [{ meta: page?.meta ?? {} }] as unknown as RouteRecordNormalized[] }
    expect(decideAccess(to, { signedIn: false, mustChangePassword: false, permissions: [] }).kind).toBe('allow')
    expect(routes.findIndex((r) => r.name === 'public-sanbao')).toBeLessThan(routes.findIndex((r) => r.name === 'not-found'))
  })
})
