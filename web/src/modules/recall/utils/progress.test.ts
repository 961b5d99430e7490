import { describe, expect, it } from 'vitest'
import { byChannel, channelOption, correctableUpTo, percent, rateOption } from './progress'

const report = (period_end: string, cumulative_rate: number, channels: { channel: string; notified: number; corrected: number }[]) => ({ period_end, cumulative_rate, cumulative_corrected: 0, channels })

describe('a recall’s progress charts', () => {
  const progress = [
    report('2026-01-31', 0.175, [{ channel: 'online', notified: 2600, corrected: 1500 }, { channel: 'retail', notified: 1200, corrected: 600 }]),
    report('2026-02-28', 0.4, [{ channel: 'online', notified: 2200, corrected: 1800 }, { channel: 'export', notified: 10, corrected: 0 }]),
  ]

  it('sums the units by channel in the order they first appear', () => {
    expect(byChannel(progress)).toEqual([
      { channel: 'online', notified: 4800, corrected: 3300 },
      { channel: 'retail', notified: 1200, corrected: 600 },
      { channel: 'export', notified: 10, corrected: 0 },
    ])
  })

  it('draws the cumulative rate in percent by period end', () => {
    const o = rateOption(progress, 'rate') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(o.xAxis.data).toEqual(['2026-01-31', '2026-02-28'])
    expect(o.series[0].data).toEqual([17.5, 40])
  })

  it('draws notified and corrected bars per channel, labelled', () => {
    const o = channelOption(byChannel(progress), (c) => c.toUpperCase(), { notified: 'N', corrected: 'C' }) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] }
    expect(o.xAxis.data).toEqual(['ONLINE', 'RETAIL', 'EXPORT'])
    expect(o.series.map((s) => s.name)).toEqual(['N', 'C'])
    expect(o.series[1].data).toEqual([3300, 600, 0])
  })

  it('lets a period correct units notified before, never more than notified so far', () => {
    const before = byChannel(progress)
    expect(correctableUpTo(before, { channel: 'online', notified: 0 })).toBe(1500)
    expect(correctableUpTo(before, { channel: 'online', notified: 200 })).toBe(1700)
    expect(correctableUpTo(before, { channel: 'direct', notified: 50 })).toBe(50)
    expect(correctableUpTo([], { channel: 'online', notified: -5 })).toBe(0)
  })

  it('writes rates as percentages', () => {
    expect(percent(0.4)).toBe('40.0%')
    expect(percent(null)).toBe('—')
  })
})
