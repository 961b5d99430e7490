import { describe, expect, it } from 'vitest'
import { checkVin, normaliseVin, vinCheckChar } from './vin'

describe('the VIN check digit (ISO 3779)', () => {
  it('accepts the published examples, in any case and with spaces around', () => {
    // The worked example of 49 CFR 565 and US DOT's sample VIN, as the server's tests use them.
    for (const v of ['1M8GDM9AXKP042788', '11111111111111111', '1HGCM82633A004352', ' 1m8gdm9axkp042788 ']) expect(checkVin(v), v).toBeNull()
    expect(normaliseVin(' 1m8gdm9axkp042788 ')).toBe('1M8GDM9AXKP042788')
  })

  it('names each problem as the server does', () => {
    expect(checkVin('')).toBe('length')
    expect(checkVin('1M8GDM9AXKP04278')).toBe('length')
    expect(checkVin('1M8GDM9AXKP042788X')).toBe('length')
    expect(checkVin('1M8GDM9AXKP04278O')).toBe('format')
    expect(checkVin('1M8GDM9AXKP04278中')).toBe('format')
    expect(checkVin('1M8GDM9A1KP042788')).toBe('checksum')
  })

  it('computes the check character, X for a remainder of 10', () => {
    expect(vinCheckChar('1M8GDM9A0KP042788')).toBe('X')
    expect(vinCheckChar('1HGCM82603A004352')).toBe('3')
    expect(vinCheckChar('1M8GDM9A0KP04278')).toBeNull()
  })

  it('catches any single changed character', () => {
    const good = '1M8GDM9AXKP042788'
    for (let i = 0; i < 17; i++) {
      if (i === 8) continue
      // 3 and 4 never weigh the same.
      const bad = good.slice(0, i) + (good[i] === '3' ? '4' : '3') + good.slice(i + 1)
      expect(checkVin(bad), bad).toBe('checksum')
    }
  })
})
