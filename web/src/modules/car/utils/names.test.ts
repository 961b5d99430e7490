import { describe, expect, it } from 'vitest'
import { carName } from './names'

describe("a car's name", () => {
  it('names the brand once', () => {
    expect(carName('远航', '远航 E5')).toBe('远航 E5')
    expect(carName('天成', 'T3')).toBe('天成 T3')
    expect(carName('远航', null)).toBe('远航')
    expect(carName(null, 'E5')).toBe('E5')
    expect(carName(' ', ' ')).toBe('')
  })
})
