import { describe, expect, it } from 'vitest'
import { addDays, addWorkingDays, deadlineState, disputeDeadlines, isWorkingDay, workCalendar, workingDaysBetween, yearsBetween } from './deadlines'

// The 2025 National Day week as the State Council set it (the server's calendar tests): 1–8
// October off, Sunday 28 September and Saturday 11 October worked.
const october2025 = workCalendar([
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => ({ day: `2025-10-0${d}`, kind: 'holiday' })),
  { day: '2025-09-28', kind: 'workday' },
  { day: '2025-10-11', kind: 'workday' },
])
const plain = workCalendar([])

describe('working days', () => {
  it('are Monday to Friday without a calendar', () => {
    expect(addWorkingDays(plain, '2025-09-26', 10)).toBe('2025-10-10')
    expect(addWorkingDays(plain, '2025-09-27', 1)).toBe('2025-09-29')
    expect(addWorkingDays(plain, '2025-09-26', 0)).toBe('2025-09-26')
    expect(isWorkingDay(plain, '2025-09-27')).toBe(false)
    expect(isWorkingDay(plain, '2025-09-29')).toBe(true)
  })

  it('skip holidays and count the make-up days, as the server does', () => {
    expect(addWorkingDays(october2025, '2025-09-26', 10)).toBe('2025-10-16')
    expect(addWorkingDays(october2025, '2025-09-30', 1)).toBe('2025-10-09')
    expect(isWorkingDay(october2025, '2025-10-11')).toBe(true)
    expect(isWorkingDay(october2025, '2025-10-06')).toBe(false)
    expect(workingDaysBetween(october2025, '2025-09-26', '2025-10-16')).toBe(10)
    expect(workingDaysBetween(october2025, '2025-10-16', '2025-09-26')).toBe(0)
  })

  it('cross month and year ends in UTC, whatever the time zone', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28')
  })
})

describe('a deadline', () => {
  it('counts the working days left, 0 on the day itself', () => {
    // Received Friday 26 September: the answer is due 16 October.
    expect(deadlineState(october2025, '2025-10-16', '2025-09-26')).toEqual({ kind: 'left', days: 10 })
    // From a holiday: 9, 10, 11 (a Saturday worked), 13, 14, 15, 16.
    expect(deadlineState(october2025, '2025-10-16', '2025-10-03')).toEqual({ kind: 'left', days: 7 })
    expect(deadlineState(october2025, '2025-10-16', '2025-10-16')).toEqual({ kind: 'left', days: 0 })
  })

  it('counts the working days past it, at least one', () => {
    expect(deadlineState(october2025, '2025-10-16', '2025-10-17')).toEqual({ kind: 'overdue', days: 1 })
    expect(deadlineState(october2025, '2025-10-16', '2025-10-20')).toEqual({ kind: 'overdue', days: 2 })
    // Past on a Saturday: no working day yet, but past.
    expect(deadlineState(plain, '2025-10-17', '2025-10-18')).toEqual({ kind: 'overdue', days: 1 })
  })

  it('is done once met, late or not', () => {
    expect(deadlineState(plain, '2025-10-16', '2025-11-01', '2025-10-20')).toEqual({ kind: 'done', on: '2025-10-20' })
  })
})

describe("a dispute's deadlines", () => {
  const open = { status: 'open', request: 'replace', answer_due: '2025-10-16', completion_due: '2025-10-30', answered_on: null, closed_on: null }

  it('run while it is open', () => {
    expect(disputeDeadlines(october2025, open, '2025-10-20')).toEqual({ answer: { kind: 'overdue', days: 2 }, completion: { kind: 'left', days: 8 } })
    expect(disputeDeadlines(october2025, { ...open, answered_on: '2025-10-09' }, '2025-10-20').answer).toEqual({ kind: 'done', on: '2025-10-09' })
  })

  it('have no completion for a repair, and nothing to await once closed', () => {
    expect(disputeDeadlines(plain, { ...open, request: 'repair' }, '2025-10-01').completion).toEqual({ kind: 'none' })
    const closed = { ...open, status: 'closed', closed_on: '2025-11-03' }
    expect(disputeDeadlines(plain, closed, '2025-12-01')).toEqual({ answer: { kind: 'none' }, completion: { kind: 'done', on: '2025-11-03' } })
  })
})

describe('the years a calendar needs', () => {
  it('span the dates given', () => {
    expect(yearsBetween('2025-12-20', '2026-01-10')).toEqual([2025, 2026])
    expect(yearsBetween('2026-03-01', '2026-03-12', '')).toEqual([2026])
    expect(yearsBetween()).toEqual([])
  })
})
