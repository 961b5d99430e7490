import { describe, expect, it } from 'vitest'
import { isWeekend, kindFor, monthGrid } from './calendarGrid'

describe('the month grid', () => {
  it('starts on Monday with blanks before the 1st', () => {
    // 1 October 2025 was a Wednesday.
    const weeks = monthGrid(2025, 10)
    expect(weeks[0]).toEqual([null, null, '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05'])
    expect(weeks.at(-1)).toEqual(['2025-10-27', '2025-10-28', '2025-10-29', '2025-10-30', '2025-10-31', null, null])
    expect(weeks.flat().filter(Boolean)).toHaveLength(31)
  })

  it('knows leap years and months starting on Monday', () => {
    expect(monthGrid(2024, 2).flat().filter(Boolean)).toHaveLength(29)
    expect(monthGrid(2025, 9)[0][0]).toBe('2025-09-01')
    // February 2021: 28 days from a Monday, four full weeks.
    expect(monthGrid(2021, 2)).toHaveLength(4)
  })
})

describe('an entry of the calendar', () => {
  it('is a day off on a weekday and a working day on a weekend', () => {
    expect(isWeekend('2025-09-28')).toBe(true)
    expect(kindFor('2025-09-28')).toBe('workday')
    expect(kindFor('2025-10-01')).toBe('holiday')
  })
})
