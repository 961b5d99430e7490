import { describe, expect, it } from 'vitest'
import type { RouteRecordNormalized } from 'vue-router'
import { decideAccess } from '@/router/access'
import { layoutChildren, routes } from '@/router/routes'

describe('the public questionnaire', () => {
  it('is outside the layout and open without a session, before the catch-all page', () => {
    const page = routes.find((r) => r.name === 'public-survey')
    expect(page?.path).toBe('/public/survey/:token')
    expect(page?.meta?.public).toBe(true)
    const to = { name: 'public-survey', meta: page?.meta ?? {}, matched: [{ meta: page?.meta ?? {} }] as unknown as RouteRecordNormalized[] }
    expect(decideAccess(to, { signedIn: false, mustChangePassword: false, permissions: [] }).kind).toBe('allow')
    expect(routes.findIndex((r) => r.name === 'public-survey')).toBeLessThan(routes.findIndex((r) => r.name === 'not-found'))
  })
})

describe('the service-quality pages', () => {
  it('come after the car module’s, each behind its permission', () => {
    const names = layoutChildren.map((r) => r.name)
    expect(names.indexOf('service')).toBe(names.indexOf('car') + 1)
    const service = layoutChildren.find((r) => r.name === 'service')
    const perms = Object.fromEntries((service?.children ?? []).map((r) => [r.name, r.meta?.permission]))
    expect(perms).toEqual({
      'service-surveys': 'service:survey:list',
      'service-survey': 'service:survey:view',
      'service-rounds': 'service:round:list',
      'service-round': 'service:round:view',
      'service-results': 'service:result:view',
      'service-tasks': 'service:task:list',
      'service-task': 'service:task:view',
      'service-events': 'service:event:list',
      'service-event': 'service:event:view',
    })
  })
})
