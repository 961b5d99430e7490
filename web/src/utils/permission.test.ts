import { describe, expect, it } from 'vitest'
import { hasPermission, permissionMatches } from './permission'

describe('permission matching', () => {
  it('matches `*` against exactly one segment', () => {
    expect(permissionMatches('system:user:*', 'system:user:list')).toBe(true)
    expect(permissionMatches('*:*:*', 'plan:task:report')).toBe(true)
    expect(permissionMatches('system:*:list', 'system:role:list')).toBe(true)
    expect(permissionMatches('system:*:list', 'system:role:create')).toBe(false)
    expect(permissionMatches('system:user:list', 'system:user:create')).toBe(false)
  })

  it('never matches strings of another length', () => {
    expect(permissionMatches('system:user:list', 'system:user')).toBe(false)
    expect(permissionMatches('*:*', 'system:user:list')).toBe(false)
  })

  it('is not a prefix match', () => {
    expect(permissionMatches('system:user:lis', 'system:user:list')).toBe(false)
    expect(permissionMatches('system:login-log:list', 'system:login:list')).toBe(false)
  })

  it('any granted string covering any required one is enough; no requirement is always met', () => {
    const granted = ['system:user:list', 'system:role:*']
    expect(hasPermission(granted, 'system:role:delete')).toBe(true)
    expect(hasPermission(granted, ['system:org:list', 'system:user:list'])).toBe(true)
    expect(hasPermission(granted, 'system:org:list')).toBe(false)
    expect(hasPermission([], undefined)).toBe(true)
    expect(hasPermission([], [])).toBe(true)
    expect(hasPermission([], 'system:user:list')).toBe(false)
  })
})
