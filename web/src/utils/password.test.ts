import { describe, expect, it } from 'vitest'
import { checkPassword, passwordClasses } from './password'
import { checkUsername } from './username'

describe('password policy (mirrors the server)', () => {
  it('is the server test table', () => {
    expect(checkPassword('Longzhi@2023').ok).toBe(true)
    expect(checkPassword('longzhi2023x').ok).toBe(false) // two classes
    expect(checkPassword('Longzhi2023').ok).toBe(true) // three classes, 11 characters
    expect(checkPassword('Lz@20231').ok).toBe(false) // too short
    expect(checkPassword('质量发展Longzhi1').ok).toBe(true) // CJK counts as characters, not bytes
    expect(checkPassword('Aa1'.repeat(50)).ok).toBe(false) // too long
  })

  it('counts the four classes; CJK is neither a case nor "other"', () => {
    expect(passwordClasses('abc')).toBe(1)
    expect(passwordClasses('aB')).toBe(2)
    expect(passwordClasses('aB1')).toBe(3)
    expect(passwordClasses('aB1!')).toBe(4)
    expect(passwordClasses('质量')).toBe(0)
    expect(passwordClasses('a b')).toBe(2) // a space is "other"
  })

  it('reports which part fails', () => {
    expect(checkPassword('Ab1!')).toMatchObject({ ok: false, longEnough: false, classes: 4 })
    expect(checkPassword('abcdefghijk')).toMatchObject({ ok: false, longEnough: true, classes: 1 })
    expect(checkPassword('𝒜'.repeat(5) + 'Ab1!x')).toMatchObject({ longEnough: true }) // code points, not UTF-16 units
  })
})

describe('user names (mirror the server)', () => {
  it('accepts 3–32 characters starting with a letter', () => {
    expect(checkUsername('tianshui')).toBeNull()
    expect(checkUsername('TianShui_01')).toBeNull()
    expect(checkUsername('  admin ')).toBeNull()
    expect(checkUsername('a.b-c_d')).toBeNull()
  })

  it('refuses other shapes with the server rule', () => {
    expect(checkUsername('ab')).toBe('length')
    expect(checkUsername('a'.repeat(33))).toBe('length')
    expect(checkUsername('1abc')).toBe('format')
    expect(checkUsername("ab'; drop")).toBe('format')
    expect(checkUsername('张三丰')).toBe('format')
  })
})
