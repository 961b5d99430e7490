import { describe, expect, it } from 'vitest'
import { formatDuration, stopwatch } from './duration'

describe('the response duration', () => {
  it('counts whole seconds from the opening', () => {
    let now = 1_000
    const w = stopwatch(() => now)
    now += 95_400
    expect(w.seconds()).toBe(95)
    now += 600
    expect(w.seconds()).toBe(96)
    w.reset()
    now += 2_000
    expect(w.seconds()).toBe(2)
  })

  it('leaves out the time the page was hidden, even while still hidden', () => {
    let now = 0
    const w = stopwatch(() => now)
    now = 30_000
    w.hidden(true)
    now = 3_630_000
    expect(w.seconds()).toBe(30)
    w.hidden(true)
    w.hidden(false)
    now = 3_660_000
    expect(w.seconds()).toBe(60)
    w.hidden(false)
    expect(w.seconds()).toBe(60)
  })

  it('never goes below zero (a clock set back)', () => {
    let now = 10_000
    const w = stopwatch(() => now)
    now = 5_000
    expect(w.seconds()).toBe(0)
  })

  it('reads as m:ss or h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(75)).toBe('1:15')
    expect(formatDuration(3725)).toBe('1:02:05')
    expect(formatDuration(null)).toBe('—')
    expect(formatDuration(-1)).toBe('—')
  })
})
