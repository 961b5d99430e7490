import { describe, expect, it } from 'vitest'
import { checkOrgCode, needsCreditCode, ORG_CODE_MAX } from './org'

describe('organisation rules (server orgs.rs)', () => {
  it('accepts 1–32 characters of [A-Za-z0-9_-], trimmed', () => {
    for (const code of ['a', 'GS-SCJG_01', ' gs01 ', 'x'.repeat(ORG_CODE_MAX)]) expect(checkOrgCode(code), code).toBeNull()
  })

  it('refuses longer codes and other characters', () => {
    expect(ORG_CODE_MAX).toBe(32)
    expect(checkOrgCode('x'.repeat(33))).toBe('format')
    for (const code of ['gs 01', 'gs.01', '甘肃', 'a/b']) expect(checkOrgCode(code), code).toBe('format')
    expect(checkOrgCode('  ')).toBe('required')
  })

  it('needs a credit code for enterprises and institutions only', () => {
    expect(needsCreditCode('enterprise')).toBe(true)
    expect(needsCreditCode('institution')).toBe(true)
    for (const k of ['province_bureau', 'department', 'city_bureau', 'county_office', 'expert_pool']) expect(needsCreditCode(k), k).toBe(false)
  })
})
