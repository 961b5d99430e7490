import { describe, expect, it } from 'vitest'
import { blankRepair, faultIdsOf, fieldName, repairFormOf, repairInputOf } from './repairForm'

describe('a repair visit of a form', () => {
  it('is sent trimmed, with blanks as null', () => {
    const f = { ...blankRepair(), date: '2026-03-01', odometer_km: 420, kind: 'replace_part', system: 'gearbox', part: ' 齿轮 ', fault_id: ' 异响 ', repair_days: 3, repairer: ' 特约站 ' }
    expect(repairInputOf(f)).toEqual({
      date: '2026-03-01', odometer_km: 420, kind: 'replace_part', system: 'gearbox', part: '齿轮', fault_id: '异响', serious_safety: false,
      fault_kind: null, repair_days: 3, consumer_fault: false, repairer: '特约站', note: '',
    })
    expect(repairInputOf({ ...f, part: '  ', fault_kind: 'brake_failure' })).toMatchObject({ part: null, fault_kind: 'brake_failure' })
  })

  it('round-trips a stored visit', () => {
    const input = { date: '2026-03-01', odometer_km: 420, kind: 'repair', system: 'body', part: null, fault_id: 'leak', serious_safety: true, fault_kind: null, repair_days: 1.5, consumer_fault: false, repairer: '', note: 'x' }
    expect(repairInputOf(repairFormOf({ id: 7, ...input }))).toEqual(input)
    expect(blankRepair().key).not.toBe(blankRepair().key)
  })

  it('offers the problems used so far, once each', () => {
    expect(faultIdsOf([{ fault_id: '异响' }, { fault_id: ' 漏水' }, { fault_id: '异响 ' }, { fault_id: '' }])).toEqual(['异响', '漏水'])
  })

  it('names the visit of a server error by its place in date order', () => {
    const label = (k: string) => ({ odometer_km: '里程', received_on: '受理日期' })[k] ?? k
    const visit = (n: number) => `第 ${n} 次维修`
    expect(fieldName('repairs[2].odometer_km', label, visit)).toBe('第 3 次维修 · 里程')
    expect(fieldName('repairs[0]', label, visit)).toBe('第 1 次维修')
    expect(fieldName('received_on', label, visit)).toBe('受理日期')
  })
})
