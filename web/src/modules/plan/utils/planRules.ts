/**
 * Form rules of the plan pages, mirroring docs/guide/plan-api.md: dates in order, deadlines
 * within the plan, cities when the scope is `some`, a lead department or some city, a comment to
 * return a report, `done` only at 100 %, no report dated after today; the lengths are the server's
 * (crates/modules/plan/src).
 */
import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'
import { dateWithin } from './plan'

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)

export const PLAN_LIMITS = {
  yearMin: 2000,
  yearMax: 2100,
  title: 200,
  docNo: 64,
  partTitle: 200,
  pointTitle: 500,
  taskTitle: 500,
  evidence: 2000,
  reportText: 4000,
  comment: 2000,
} as const

function check(problem: () => string | null, trigger: FormItemRule['trigger'] = 'change'): FormItemRule {
  return {
    trigger,
    validator: (_r, _v, cb) => {
      const p = problem()
      if (p) cb(new Error(p))
      else cb()
    },
  }
}

export function yearInRange(): FormItemRule {
  return {
    trigger: 'change',
    validator: (_r, v, cb) =>
      v !== null && v !== undefined && v !== '' && (Number(v) < PLAN_LIMITS.yearMin || Number(v) > PLAN_LIMITS.yearMax)
        ? cb(new Error(t('plan.yearRange', { min: PLAN_LIMITS.yearMin, max: PLAN_LIMITS.yearMax })))
        : cb(),
  }
}

/** `end_date` not before `start_date`. */
export function endAfterStart(start: () => string | null | undefined, end: () => string | null | undefined): FormItemRule {
  return check(() => {
    const s = start()
    const e = end()
    return s && e && e < s ? t('plan.endBeforeStart') : null
  })
}

/** A task's deadline within its plan's dates. */
export function deadlineWithin(start: () => string, end: () => string): FormItemRule {
  return {
    trigger: 'change',
    validator: (_r, v, cb) => (v && !dateWithin(String(v), start(), end()) ? cb(new Error(t('plan.deadlineWithin', { start: start(), end: end() }))) : cb()),
  }
}

/**
 * A task needs a lead department or some city: without cities (`city_scope = none`) the lead
 * department is required (`some` without codes is `city_codes`' own error).
 */
export function leadOrCity(model: () => { lead_dept_id: number | null; city_scope: string }): FormItemRule {
  return check(() => {
    const m = model()
    return m.lead_dept_id || m.city_scope !== 'none' ? null : t('plan.leadOrCity')
  })
}

/** `city_codes` non-empty when `city_scope = some`. */
export function citiesWhenSome(scope: () => string): FormItemRule {
  return {
    trigger: 'change',
    validator: (_r, v, cb) => (scope() === 'some' && (!Array.isArray(v) || v.length === 0) ? cb(new Error(t('plan.citiesRequired'))) : cb()),
  }
}

/** `done` needs `percent = 100`. */
export function doneAtFull(status: () => string): FormItemRule {
  return { trigger: 'change', validator: (_r, v, cb) => (status() === 'done' && Number(v) !== 100 ? cb(new Error(t('task.report.doneNeeds100'))) : cb()) }
}

/** A report is not dated after today (YYYY-MM-DD strings compare as dates). */
export function notAfter(today: () => string): FormItemRule {
  return { trigger: 'change', validator: (_r, v, cb) => (v && String(v) > today() ? cb(new Error(t('task.report.noFuture'))) : cb()) }
}

/** A comment is required to return a report. */
export function commentToReturn(decision: () => string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_r, v, cb) => (decision() === 'return' && !String(v ?? '').trim() ? cb(new Error(t('task.review.commentRequired'))) : cb()),
  }
}
