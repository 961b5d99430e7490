import { describe, expect, it } from 'vitest'
import { actionType, cityBureauOf, clampRating, daysLeft, deadlineState, eventStep, isOverdue, isResponsible, leads, takesPart, taskHistory, taskStatusType, taskStep } from './remediation'

describe('remediation tasks', () => {
  it('count the days to a deadline and tell when it is past', () => {
    expect(daysLeft('2026-03-10', '2026-03-01')).toBe(9)
    expect(daysLeft('2026-03-01', '2026-03-04')).toBe(-3)
    // Across the change to summer time, whole days all the same.
    expect(daysLeft('2026-04-01', '2026-03-25')).toBe(7)
    expect(isOverdue({ status: 'assigned', deadline: '2026-03-01' }, '2026-03-02')).toBe(true)
    expect(isOverdue({ status: 'returned', deadline: '2026-03-01' }, '2026-03-01')).toBe(false)
    expect(isOverdue({ status: 'accepted', deadline: '2026-03-01' }, '2026-04-01')).toBe(false)
  })

  it('read a deadline as done, overdue (by the server’s flag too), close or open', () => {
    expect(deadlineState({ status: 'accepted', deadline: '2026-03-01' }, '2026-04-01').kind).toBe('done')
    expect(deadlineState({ status: 'submitted', deadline: '2026-03-01' }, '2026-03-04')).toEqual({ kind: 'overdue', days: 3 })
    expect(deadlineState({ status: 'assigned', deadline: '2026-03-05', overdue: true }, '2026-03-04')).toEqual({ kind: 'overdue', days: 0 })
    expect(deadlineState({ status: 'assigned', deadline: '2026-03-08' }, '2026-03-04')).toEqual({ kind: 'soon', days: 4 })
    expect(deadlineState({ status: 'assigned', deadline: '2026-05-08' }, '2026-03-04').kind).toBe('open')
  })

  it('stand on their steps, a returned one back at the evidence', () => {
    expect(taskStep('assigned')).toEqual({ active: 1, returned: false, finished: false })
    expect(taskStep('submitted')).toEqual({ active: 2, returned: false, finished: false })
    expect(taskStep('returned')).toEqual({ active: 1, returned: true, finished: false })
    expect(taskStep('accepted')).toEqual({ active: 3, returned: false, finished: true })
    expect(taskStatusType('submitted')).toBe('warning')
    expect(taskStatusType('x')).toBe('info')
  })

  it('tell their history from their fields, a resubmission after the return', () => {
    const base = { org_name: '兰州市市场监督管理局', evidence: '已整改', submitted_at: '2026-03-02T08:00:00Z', reviewed_by_name: '省局', review_comment: '请补充照片', reviewed_at: '2026-03-03T08:00:00Z' }
    expect(taskHistory({ status: 'assigned', org_name: 'X' })).toEqual([{ action: 'assigned', by: 'X' }])
    expect(taskHistory({ ...base, status: 'returned' }).map((e) => e.action)).toEqual(['assigned', 'submitted', 'returned'])
    expect(taskHistory({ ...base, status: 'submitted', submitted_at: '2026-03-04T08:00:00Z' }).map((e) => e.action)).toEqual(['assigned', 'returned', 'submitted'])
    const accepted = taskHistory({ ...base, status: 'accepted', review_comment: null, submitted_at: '2026-03-04T08:00:00Z', reviewed_at: '2026-03-05T08:00:00Z' })
    expect(accepted[2]).toEqual({ action: 'accepted', at: '2026-03-05T08:00:00Z', by: '省局', note: null })
    expect(accepted[1]).toMatchObject({ action: 'submitted', by: '兰州市市场监督管理局' })
    expect(taskHistory({ ...base, status: 'submitted', submitted_by: '张三' })[1]).toMatchObject({ action: 'submitted', by: '张三', note: '已整改' })
  })

  it('are the responsible organisation’s to submit', () => {
    expect(isResponsible({ org_id: 7 }, { org: { id: 7, name: '兰州', kind: 'city_bureau' } })).toBe(true)
    expect(isResponsible({ org_id: 7 }, { org: { id: 8, name: '省局', kind: 'department' } })).toBe(false)
    expect(isResponsible({ org_id: 7 }, null)).toBe(false)
  })

  it('go by default to the city’s bureau', () => {
    const tree = [
      { id: 1, kind: 'province_bureau', region_code: '620000', children: [
        { id: 2, kind: 'department', region_code: '620000' },
        { id: 3, kind: 'city_bureau', region_code: '620100', children: [{ id: 4, kind: 'county_office', region_code: '620102' }] },
        { id: 5, kind: 'city_bureau', region_code: '620500' },
      ] },
    ]
    expect(cityBureauOf(tree, '620500')).toBe(5)
    expect(cityBureauOf(tree, '620100')).toBe(3)
    expect(cityBureauOf(tree, '620900')).toBeNull()
    expect(cityBureauOf(tree, '')).toBeNull()
  })
})

describe('coordinated handling of events', () => {
  const event = { lead_org_id: 3, orgs: [{ id: 2 }, { id: 5 }] }
  const user = (id: number) => ({ org: { id, name: '', kind: '' } })

  it('lets the lead and the participating organisations act, the lead alone resolve', () => {
    expect(takesPart(event, user(3))).toBe(true)
    expect(takesPart(event, user(5))).toBe(true)
    expect(takesPart(event, user(9))).toBe(false)
    expect(takesPart(event, { org: null })).toBe(false)
    expect(leads(event, user(3))).toBe(true)
    expect(leads(event, user(5))).toBe(false)
  })

  it('stands on its steps', () => {
    expect(eventStep('open')).toBe(0)
    expect(eventStep('handling')).toBe(1)
    expect(eventStep('resolved')).toBe(2)
    expect(eventStep('assessed')).toBe(4)
    expect(eventStep('x')).toBe(0)
    expect(actionType('resolve')).toBe('success')
  })

  it('rates 1–5', () => {
    expect(clampRating(4)).toBe(4)
    expect(clampRating(7)).toBe(5)
    expect(clampRating(null)).toBe(0)
  })
})
