import { describe, expect, it } from 'vitest'
import { hasPrefill, prefillOf, productName } from './prefill'
import { shownEntries, timelineFacts } from './timeline'

describe('a create page’s prefill', () => {
  it('reads the signal register’s query string', () => {
    const p = prefillOf({ create: '1', signal_id: '12', brand: '迅驰', model: 'XC-20000', hazard: 'fire' })
    expect(p).toMatchObject({ signal_id: 12, report_id: null, brand: '迅驰', model: 'XC-20000', hazard: 'fire', category: '' })
    expect(hasPrefill(p)).toBe(true)
    expect(hasPrefill(prefillOf({ create: '1' }))).toBe(false)
    expect(prefillOf({ signal_id: 'x' }).signal_id).toBeNull()
    expect(prefillOf({ signal_id: ['1', '2'] }).signal_id).toBeNull()
  })

  it('names the product by brand and model, else by category', () => {
    expect(productName({ brand: '迅驰', model: 'XC-20000', category: 'power-bank' }, () => '移动电源')).toBe('迅驰 XC-20000')
    expect(productName({ brand: '', model: '', category: 'power-bank' }, () => '移动电源')).toBe('移动电源')
  })
})

describe('a timeline entry', () => {
  it('shows the stage a step moved to', () => {
    expect(timelineFacts({ action: 'notify', after: { status: 'notified', title: 'x' } })).toEqual({ status: 'notified' })
    expect(timelineFacts({ action: 'update', after: { status: 'draft' } })).toEqual({})
  })

  it('shows an expert, an opinion, a progress report, a verdict, a talk', () => {
    expect(timelineFacts({ action: 'assign_expert', after: { expert: '王建国', specialty: 'electrical' } })).toEqual({ expert: '王建国' })
    expect(timelineFacts({ action: 'opinion', after: { defect: false } })).toEqual({ defect: false })
    expect(timelineFacts({ action: 'progress_report', after: { period_end: '2026-03-01', notified: 10, corrected: 4 } })).toEqual({ periodEnd: '2026-03-01', notified: 10, corrected: 4 })
    expect(timelineFacts({ action: 'effectiveness', after: { effectiveness: 'effective', status: 'published' } })).toEqual({ verdict: 'effective' })
    expect(timelineFacts({ action: 'talk', after: { held_on: '2026-03-02', place: '兰州' } })).toEqual({ heldOn: '2026-03-02', place: '兰州' })
    expect(timelineFacts({ action: 'create', after: null })).toEqual({})
  })
})

describe('a timeline', () => {
  it('shows a progress report once', () => {
    expect(shownEntries([{ action: 'publish' }, { action: 'progress' }, { action: 'progress_report' }]).map((e) => e.action)).toEqual(['publish', 'progress_report'])
  })
})
