import { describe, expect, it } from 'vitest'
import en from '../locales/en'
import zh from '../locales/zh-CN'
import { FLAGS, ROUND_STATUSES, SURVEY_STATUSES } from '../api'
import { roundSteps, stateKey, stateType, stepIndex } from './states'

const at = (o: object, key: string): unknown => key.split('.').reduce((v: never, p) => v?.[p], o as never)

describe('the module’s states', () => {
  it('are labelled in both languages', () => {
    const keys = [...SURVEY_STATUSES.map((s) => stateKey('survey', s)), ...ROUND_STATUSES.map((s) => stateKey('round', s)), ...FLAGS.map((f) => stateKey('flag', f))]
    for (const k of keys) for (const texts of [zh, en]) expect(at(texts, k), k).toBeTruthy()
    for (const f of FLAGS) for (const texts of [zh, en]) expect(at(texts, `service.flags.${f}.rule`), f).toBeTruthy()
  })

  it('have colours, grey for what is unknown', () => {
    expect(stateType('round', 'published')).toBe('success')
    expect(stateType('flag', 'out_of_range')).toBe('danger')
    expect(stateType('survey', 'nope')).toBe('info')
  })

  it('step a round through its workflow', () => {
    expect(stepIndex('design')).toBe(0)
    expect(stepIndex('published')).toBe(3)
    expect(roundSteps({ status: 'design' })).toEqual({ open: true, close: false, compute: false, publish: false, results: false })
    // An interim computation during fieldwork; publication only once closed.
    expect(roundSteps({ status: 'fieldwork', computed_at: '2026-03-01T00:00:00Z' })).toMatchObject({ close: true, compute: true, publish: false, results: true })
    expect(roundSteps({ status: 'closed', computed_at: null })).toMatchObject({ compute: true, publish: false })
    expect(roundSteps({ status: 'closed', computed_at: '2026-03-01T00:00:00Z' })).toMatchObject({ compute: true, publish: true, results: true })
    expect(roundSteps({ status: 'published', computed_at: '2026-03-01T00:00:00Z' })).toMatchObject({ compute: false, publish: false, results: true })
  })
})
