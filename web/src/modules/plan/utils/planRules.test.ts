import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { citiesWhenSome, commentToReturn, deadlineWithin, doneAtFull, endAfterStart, leadOrCity, notAfter, yearInRange } from './planRules'

/** Runs a rule's validator: the error message, or null when the value passes. */
function run(rule: FormItemRule, value: unknown): string | null {
  let out: string | null = null
  rule.validator?.(rule as never, value, (e?: string | Error) => {
    out = e ? String(e instanceof Error ? e.message : e) : null
  }, {}, {})
  return out
}

describe('plan form rules (the contract’s rules, mirrored)', () => {
  it('keeps the end on or after the start', () => {
    expect(run(endAfterStart(() => '2023-01-01', () => '2023-12-31'), null)).toBeNull()
    expect(run(endAfterStart(() => '2023-05-01', () => '2023-05-01'), null)).toBeNull()
    expect(run(endAfterStart(() => '2023-05-01', () => '2023-04-30'), null)).not.toBeNull()
    expect(run(endAfterStart(() => null, () => '2023-04-30'), null)).toBeNull()
  })

  it('bounds the year', () => {
    expect(run(yearInRange(), 2023)).toBeNull()
    expect(run(yearInRange(), 1999)).not.toBeNull()
    expect(run(yearInRange(), null)).toBeNull()
  })

  it('keeps a deadline within the plan’s dates', () => {
    const rule = deadlineWithin(() => '2023-01-01', () => '2023-12-31')
    expect(run(rule, '2023-12-31')).toBeNull()
    expect(run(rule, '2024-01-01')).toContain('2023-12-31')
    expect(run(rule, '')).toBeNull()
  })

  it('needs a lead department when no city is addressed', () => {
    const m = { lead_dept_id: null as number | null, city_scope: 'none' }
    const rule = leadOrCity(() => m)
    expect(run(rule, null)).not.toBeNull()
    m.city_scope = 'all'
    expect(run(rule, null)).toBeNull()
    // `some` without codes is the cities' own error.
    m.city_scope = 'some'
    expect(run(rule, null)).toBeNull()
    Object.assign(m, { city_scope: 'none', lead_dept_id: 2 })
    expect(run(rule, 2)).toBeNull()
  })

  it('refuses reports dated after today', () => {
    const rule = notAfter(() => '2023-05-10')
    expect(run(rule, '2023-05-10')).toBeNull()
    expect(run(rule, '2023-05-11')).not.toBeNull()
    expect(run(rule, '')).toBeNull()
  })

  it('needs cities when the scope is some', () => {
    expect(run(citiesWhenSome(() => 'some'), [])).not.toBeNull()
    expect(run(citiesWhenSome(() => 'some'), ['620100'])).toBeNull()
    expect(run(citiesWhenSome(() => 'all'), [])).toBeNull()
  })

  it('reports done only at 100 %', () => {
    expect(run(doneAtFull(() => 'done'), 90)).not.toBeNull()
    expect(run(doneAtFull(() => 'done'), 100)).toBeNull()
    expect(run(doneAtFull(() => 'in_progress'), 40)).toBeNull()
  })

  it('needs a comment to return a report, not to accept it', () => {
    expect(run(commentToReturn(() => 'return'), '  ')).not.toBeNull()
    expect(run(commentToReturn(() => 'return'), '请补充材料')).toBeNull()
    expect(run(commentToReturn(() => 'accept'), '')).toBeNull()
  })
})
