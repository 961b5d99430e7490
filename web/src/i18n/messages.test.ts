import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '@/api/types'
import { modules } from '@/modules'
import en from './locales/en'
import zh from './locales/zh-CN'
import { mergeMessages, messages } from './messages'

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
}
const at = (o: object, key: string): unknown => key.split('.').reduce((v: never, p) => v?.[p], o as never)

describe('UI messages', () => {
  it('have the same keys in both languages, none empty, with every module’s', () => {
    expect(keys(messages.en).sort()).toEqual(keys(messages['zh-CN']).sort())
    for (const k of keys(messages['zh-CN'])) expect(at(messages['zh-CN'], k), k).not.toBe('')
    for (const m of modules) {
      expect(keys(m.messages.en).sort(), m.name).toEqual(keys(m.messages['zh-CN']).sort())
      for (const k of keys(m.messages['zh-CN'])) expect(at(messages['zh-CN'], k), `${m.name}: ${k}`).toBe(at(m.messages['zh-CN'], k))
      for (const k of keys(m.messages.en)) expect(at(messages.en, k), `${m.name}: ${k}`).toBe(at(m.messages.en, k))
    }
    // The console's own texts are kept.
    for (const k of keys(zh)) expect(at(messages['zh-CN'], k), k).toBe(at(zh, k))
    for (const k of keys(en)) expect(at(messages.en, k), k).toBe(at(en, k))
  })

  it('merge a module’s texts into the console’s, refusing to replace one', () => {
    const base = { menu: { home: 'Home' }, common: { ok: 'OK' } }
    expect(mergeMessages(base, { menu: { plan: 'Plans' }, plan: { title: 'Title' } })).toEqual({ menu: { home: 'Home', plan: 'Plans' }, common: { ok: 'OK' }, plan: { title: 'Title' } })
    expect(base.menu).toEqual({ home: 'Home' })
    expect(() => mergeMessages(base, { menu: { home: 'Start' } })).toThrow('menu.home')
    expect(() => mergeMessages(base, { common: 'x' })).toThrow('common')
  })

  it('label every audit action the server records, in both languages', () => {
    for (const m of [zh, en]) for (const a of AUDIT_ACTIONS) expect(m.audit.actions[a], a).toBeTruthy()
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length)
  })
})
