import { describe, expect, it } from 'vitest'
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
})
