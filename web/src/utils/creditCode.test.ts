import { describe, expect, it } from 'vitest'
import { checkCreditCode, creditCodeCheckChar } from './creditCode'

describe('credit code (GB 32100)', () => {
  it('accepts codes whose 18th character is the check character', () => {
    // 91110000600037341L: the 统一社会信用代码 published by a Beijing company; 91620100MA71H5XW40: the server's OpenAPI example with its check character corrected (…4K → …40).
    for (const code of ['91110000600037341L', '91620100MA71H5XW40']) expect(checkCreditCode(code)).toBeNull()
  })

  it('computes the check character, with 31 → 0', () => {
    expect(creditCodeCheckChar('91110000600037341')).toBe('L')
    expect(creditCodeCheckChar('9111000060003734')).toBeNull()
    expect(creditCodeCheckChar('9111000060003734I')).toBeNull()
  })

  it('trims and upper-cases like the server', () => {
    expect(checkCreditCode(' 91620100ma71h5xw40 ')).toBeNull()
  })

  it('names the broken rule', () => {
    expect(checkCreditCode('9162010')).toBe('length')
    expect(checkCreditCode('91620100MA71H5XWIK')).toBe('format') // I is not in the alphabet
    expect(checkCreditCode('91620100MA71H5XW4K')).toBe('checksum')
  })

  it('detects every single-character change', () => {
    const good = '91620100MA71H5XW40'
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    for (let i = 0; i < 17; i++) {
      for (const c of alphabet) {
        if (c === good[i]) continue
        const bad = good.slice(0, i) + c + good.slice(i + 1)
        expect(checkCreditCode(bad)).toBe('checksum')
      }
    }
  })
})
