import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '@/api/types'
import en from './locales/en'
import zh from './locales/zh-CN'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

describe('UI messages', () => {
  it('have the same keys in both languages, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
    for (const k of keys(zh)) expect(k.split('.').reduce((o: never, p) => o[p], zh as never), k).not.toBe('')
  })

  it('label every audit action the server records, in both languages', () => {
    for (const m of [zh, en]) for (const a of AUDIT_ACTIONS) expect(m.audit.actions[a], a).toBeTruthy()
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
  })
})
