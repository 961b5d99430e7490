import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import {
  art20System, articleKey, blankCase, blankVisit, buildInput, checkCase, courtesyVisits, daysBetween, duplicateVisit, exampleCase, formatYuan,
  isFieldPath, nameVisits, percentToRate, refundProgress, restoreCase, problemLabels, rateToPercent, sameProblemVisits, serverProblem, splitReasons, visitHints,
  type CaseForm, type SanbaoDecision, type SanbaoReason, type VisitForm,
} from './sanbao'

const own = (n: number) => `problem of visit ${n}`

function visit(v: Partial<VisitForm>): VisitForm {
  return { ...blankVisit(), date: '2025-03-08', odometer_km: 400, system: 'gearbox', repair_days: 2, ...v }
}

function form(f: Partial<CaseForm> = {}): CaseForm {
  return { ...blankCase('2025-03-13'), purchase_date: '2025-03-01', delivery_date: '2025-03-03', price_yuan: 159800, odometer_km: 460, ...f }
}

function reason(code: string, met: boolean, values: Record<string, unknown> = {}): SanbaoReason {
  return { code, met, source: { zh: '第X条', en: 'Art X' }, zh: code, en: code, values }
}

function decision(d: Partial<SanbaoDecision> = {}): SanbaoDecision {
  return {
    remedy: 'repair', articles: ['19'], usage_compensation_yuan: null, in_sanbao_period: true, in_warranty_period: true, reasons: [], conditions_met: ['19'],
    periods: { start: '2025-03-03', start_basis: 'delivery_date', sanbao: { years: 2, end: '2027-03-03', limit_km: 50000 }, warranty: { years: 3, end: '2028-03-03', limit_km: 60000 } },
    ...d,
  }
}

describe('the engine input of the self-check form', () => {
  it('is the CLI’s JSON: dates, numbers, visits in form order', () => {
    const input = buildInput(form({ rate_percent: 0.45, visits: [visit({ kind: 'replace_part', part: ' 齿轮 ', problem: '异响', serious_safety: true, fault_kind: 'brake_failure' })] }), own)
    expect(input).toEqual({
      purchase_date: '2025-03-01', delivery_date: '2025-03-03', price_yuan: 159800, evaluation_date: '2025-03-13', odometer_km: 460, compensation_rate: 0.0045,
      events: [{ date: '2025-03-08', odometer_km: 400, kind: 'replace_part', system: 'gearbox', part: '齿轮', fault_id: '异响', serious_safety: true, fault_kind: 'brake_failure', repair_days: 2, consumer_fault: false }],
    })
    // Exactly the engine's fields (input.rs denies unknown ones).
    expect(Object.keys(input.events[0]).sort()).toEqual(['consumer_fault', 'date', 'fault_id', 'fault_kind', 'kind', 'odometer_km', 'part', 'repair_days', 'serious_safety', 'system'])
  })

  it('leaves out a blank delivery date; a blank part or special fault is null', () => {
    const input = buildInput(form({ delivery_date: '', visits: [visit({ part: '  ', fault_kind: '' })] }), own)
    expect('delivery_date' in input).toBe(false)
    expect(input.events[0].part).toBeNull()
    expect(input.events[0].fault_kind).toBeNull()
  })

  it('takes n in percent and sends a fraction; a blank n is the 0.5 % cap', () => {
    expect(percentToRate(0.45)).toBe(0.0045)
    expect(percentToRate(0.5)).toBe(0.005)
    expect(percentToRate(0.07)).toBe(0.0007)
    expect(rateToPercent(0.005)).toBe(0.5)
    expect(rateToPercent('0.0045')).toBe(0.45)
    expect(buildInput(form({ rate_percent: null }), own).compensation_rate).toBe(0.005)
    expect(buildInput(form({ rate_percent: 0 }), own).compensation_rate).toBe(0)
  })

  it('maps problem labels to fault ids: the same label is the same problem, a blank one a problem of its own', () => {
    const visits = [visit({ problem: '变速器 异响' }), visit({ problem: ' 变速器  异响 ' }), visit({ problem: '' }), visit({ problem: '' }), visit({ problem: '漏油' })]
    const ids = buildInput(form({ visits }), own).events.map((e) => e.fault_id)
    expect(ids).toEqual(['变速器 异响', '变速器 异响', 'problem of visit 3', 'problem of visit 4', '漏油'])
    expect(problemLabels(visits)).toEqual(['变速器 异响', '漏油'])
    expect(sameProblemVisits(visits)).toEqual(new Map([['变速器 异响', [1, 2]], ['漏油', [5]]]))
  })

  it('duplicates a visit as another visit for the same problem, with its own key and no date', () => {
    const v = visit({ problem: '异响', part: '齿轮' })
    const copy = duplicateVisit(v)
    expect(copy).toMatchObject({ problem: '异响', part: '齿轮', system: 'gearbox', date: '', odometer_km: null })
    expect(copy.key).not.toBe(v.key)
  })

  it('fills in an example that is an Art 22 case: a main part of the gearbox replaced 5 days after delivery', () => {
    const f = exampleCase('2025-03-13', { part: '齿轮', problem: '异响' })
    expect(checkCase(f)).toEqual({})
    const input = buildInput(f, own)
    expect(input.delivery_date).toBe('2025-03-03')
    expect(daysBetween(input.delivery_date as string, input.events[0].date)).toBe(5)
    expect(input.events[0]).toMatchObject({ kind: 'replace_part', system: 'gearbox', part: '齿轮', consumer_fault: false })
  })
})

describe('a form kept for a reload', () => {
  it('comes back with its values and new visit keys', () => {
    const f = form({ rate_percent: 0.4, visits: [visit({ kind: 'replace_part', part: '齿轮', problem: '异响', fault_kind: 'fuel_leak', serious_safety: true })] })
    const back = restoreCase(JSON.stringify(f), '2025-04-01') as CaseForm
    const withoutKeys = (c: CaseForm) => ({ ...c, visits: c.visits.map((v) => ({ ...v, key: 0 })) })
    expect(withoutKeys(back)).toEqual(withoutKeys(f))
    expect(back.visits[0].key).not.toBe(f.visits[0].key)
  })

  it('drops what is not a form value, and is null for what is not a form', () => {
    const back = restoreCase(JSON.stringify({ purchase_date: 5, price_yuan: '1', evaluation_date: '', visits: [{ kind: 'swap', system: 'wheel', fault_kind: 'x', odometer_km: 'a' }, 3] }), '2025-04-01') as CaseForm
    expect(back).toMatchObject({ purchase_date: '', price_yuan: null, evaluation_date: '2025-04-01' })
    expect(back.visits).toHaveLength(1)
    expect(back.visits[0]).toMatchObject({ kind: 'repair', system: '', fault_kind: '', odometer_km: null })
    expect(restoreCase(null, '2025-04-01')).toBeNull()
    expect(restoreCase('{', '2025-04-01')).toBeNull()
    expect(restoreCase('{"a":1}', '2025-04-01')).toBeNull()
  })
})

describe('the browser’s checks', () => {
  it('pass a complete form', () => {
    expect(checkCase(form({ visits: [visit({})] }))).toEqual({})
  })

  it('name the engine’s paths of missing or out-of-range values', () => {
    const f = form({ purchase_date: '', price_yuan: 0, odometer_km: null, rate_percent: 120, visits: [visit({ date: '', odometer_km: -1, system: '', repair_days: 4000 })] })
    const out = checkCase(f)
    expect(out.purchase_date.key).toBe('required')
    expect(out.price_yuan.key).toBe('positive')
    expect(out.odometer_km.key).toBe('required')
    expect(out.compensation_rate.key).toBe('rateRange')
    expect(out['events[0].date'].key).toBe('required')
    expect(out['events[0].odometer_km'].key).toBe('nonNegative')
    expect(out['events[0].system'].key).toBe('required')
    expect(out['events[0].repair_days']).toEqual({ key: 'tooLarge', params: { max: '3,650' } })
  })

  it('refuse a request before the periods start (delivery date, else invoice date)', () => {
    expect(checkCase(form({ evaluation_date: '2025-03-02' })).evaluation_date).toEqual({ key: 'beforeStart', params: { start: '2025-03-03' } })
    expect(checkCase(form({ evaluation_date: '2025-03-02', delivery_date: '' })).evaluation_date).toBeUndefined()
  })

  it('refuse odometers going back in date order, whatever the input order', () => {
    const visits = [visit({ date: '2025-03-10', odometer_km: 300 }), visit({ date: '2025-03-05', odometer_km: 350 })]
    expect(checkCase(form({ visits }))['events[0].odometer_km']).toEqual({ key: 'odometerBack', params: { n: 2, km: 350 } })
    expect(checkCase(form({ visits: [visits[1], visits[0]] }))['events[1].odometer_km']).toEqual({ key: 'odometerBack', params: { n: 1, km: 350 } })
  })

  it('refuse a visit above today’s odometer, unless it is after the request', () => {
    expect(checkCase(form({ visits: [visit({ odometer_km: 500 })] }))['events[0].odometer_km']).toEqual({ key: 'aboveOdometer', params: { km: 460 } })
    expect(checkCase(form({ visits: [visit({ date: '2025-03-20', odometer_km: 500 })] }))).toEqual({})
  })

  it('hint at visits the engine would not count and at a replaced assembly part without a name', () => {
    const f = form()
    expect(visitHints(f, visit({ date: '2025-03-02' }))).toEqual([{ key: 'beforeStart', params: { start: '2025-03-03' } }])
    expect(visitHints(f, visit({ date: '2025-03-14' }))).toEqual([{ key: 'afterEvaluation', params: { date: '2025-03-13' } }])
    expect(visitHints(f, visit({ kind: 'replace_part', part: '' }))).toEqual([{ key: 'namePart' }])
    expect(visitHints(f, visit({ kind: 'replace_part', part: '', system: 'brake' }))).toEqual([])
    expect(visitHints(f, visit({}))).toEqual([])
  })
})

describe('the server’s answers', () => {
  it('put field errors at their field, the others above the form', () => {
    expect(isFieldPath('evaluation_date', 0)).toBe(true)
    expect(isFieldPath('compensation_rate', 0)).toBe(true)
    expect(isFieldPath('events[1].odometer_km', 2)).toBe(true)
    expect(isFieldPath('events[1]', 2)).toBe(true)
    expect(isFieldPath('events[2].odometer_km', 2)).toBe(false)
    expect(isFieldPath('input', 2)).toBe(false)
  })

  it('tell the rate limit, field errors (without their path in front) and other errors apart', () => {
    expect(serverProblem(new ApiError(429, { code: 'request.rate_limited', message: 'slow down' }))).toEqual({ kind: 'rate_limited' })
    const fields = new ApiError(422, {
      code: 'validation.field', message: 'invalid',
      fields: [
        { field: 'events[0].odometer_km', message: 'events[0].odometer_km: 4000 km is below', rule: 'range' as never },
        { field: 'evaluation_date', message: 'before the start date', rule: 'range' as never },
      ],
    })
    expect(serverProblem(fields)).toEqual({ kind: 'fields', fields: { 'events[0].odometer_km': '4000 km is below', evaluation_date: 'before the start date' } })
    expect(serverProblem(new ApiError(500, { code: 'internal', message: 'x' }))).toEqual({ kind: 'other' })
    expect(serverProblem(new Error('offline'))).toEqual({ kind: 'other' })
  })
})

describe('the decision as shown', () => {
  it('names articles and visits as people read them', () => {
    expect(articleKey('24(1)')).toBe('a24_1')
    expect(articleKey('22')).toBe('a22')
    expect(nameVisits('events[0]（2025-03-08，第 5 日）…（events[0], events[11]）', (n) => `第 ${n} 次维修`, '、')).toBe('第 1 次维修（2025-03-08，第 5 日）…（第 1 次维修、第 12 次维修）')
    expect(nameVisits('replaced 2 times (events[0], events[2]), then events[3] on it again', (n) => `visit ${n}`)).toBe('replaced 2 times (visit 1, visit 3), then visit 4 on it again')
  })

  it('shows the rules that hold first, and the refund conditions made moot by an ended period', () => {
    const d = decision({ remedy: 'repair', conditions_met: ['19', '24(4)'], reasons: [reason('a', true), reason('b', false), reason('c', true)] })
    const s = splitReasons(d)
    expect(s.met.map((r) => r.code)).toEqual(['a', 'c'])
    expect(s.unmet.map((r) => r.code)).toEqual(['b'])
    expect(s.mootRefund).toEqual(['24(4)'])
    expect(splitReasons(decision({ remedy: 'refund_or_replace', conditions_met: ['19', '22'] })).mootRefund).toEqual([])
  })

  it('finds the assembly of Art 20 and the visits over 5 days that were counted (Art 21)', () => {
    const f = form({ visits: [visit({ system: 'engine', repair_days: 6 }), visit({ repair_days: 8, consumer_fault: true }), visit({ repair_days: 5.5 }), visit({ repair_days: 9 })] })
    const input = buildInput(f, own)
    const d = decision({ reasons: [reason('art20.main_part_within_60_days', true, { event: 0 }), reason('event.outside_warranty', false, { event: 3 })] })
    expect(art20System(input, d)).toBe('engine')
    expect(art20System(input, decision())).toBeNull()
    expect(courtesyVisits(input, d)).toEqual([1, 3])
  })

  it('tells how far a repair case still is from Art 24, inside the sanbao period only', () => {
    const input = buildInput(form({ visits: [visit({ kind: 'replace_part', part: '齿轮' }), visit({ kind: 'replace_assembly', system: 'engine' })] }), own)
    const reasons = [
      reason('art24_1.serious_safety', false, { count: 0, threshold: 3, events: [] }),
      reason('art24_2.assembly_replaced_twice', false, { count: 1, threshold: 2, events: [1], again: null }),
      reason('art24_3.main_part_replaced_twice', false, { count: 1, threshold: 2, events: [0], again: null }),
      reason('art24_4.cumulative_days', false, { cumulative_repair_days: 12, limit_days: 30, visits: 2 }),
      reason('art24_4.same_problem', false, { fault_id: '异响', count: 4, limit: 4, events: [0, 1] }),
    ]
    expect(refundProgress(input, decision({ reasons }))).toEqual([
      { kind: 'assembly', count: 1, threshold: 2, system: 'engine' },
      { kind: 'part', count: 1, threshold: 2, system: 'gearbox', part: '齿轮' },
      { kind: 'days', count: 12, threshold: 31 },
      { kind: 'same', count: 4, threshold: 5, fault: '异响' },
    ])
    expect(refundProgress(input, decision({ reasons, in_sanbao_period: false }))).toEqual([])
    expect(refundProgress(input, decision({ reasons, remedy: 'refund_or_replace' }))).toEqual([])
  })

  it('formats yuan with two decimals, from a number or a decimal string', () => {
    expect(formatYuan(6000)).toBe('6,000.00')
    expect(formatYuan('1234.01')).toBe('1,234.01')
    expect(formatYuan(0)).toBe('0.00')
    expect(daysBetween('2025-03-13', '2027-03-03')).toBe(720)
  })
})
