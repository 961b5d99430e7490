import { describe, expect, it } from 'vitest'
import { blankScenario, draftsOf, engineInput, isComplete, isProbability, levelTag, probabilityText, reasonsOf, type RiskResult } from './risk'

describe('the risk editor', () => {
  it('reads the probabilities the engine reads', () => {
    for (const ok of ['1/100', ' 1 / 50 ', '0.002', '1', '0', '.5', '1e-4']) expect(isProbability(ok), ok).toBe(true)
    for (const bad of ['', '2/1', '1/0', '1.5', '-0.1', 'abc', '1/2/3', '50%']) expect(isProbability(bad), bad).toBe(false)
  })

  it('runs the engine only when every scenario has a severity and valid steps', () => {
    const s = blankScenario('起火')
    expect(isComplete([s])).toBe(false)
    s.severity = 3
    expect(isComplete([s])).toBe(false)
    s.steps[0].probability = '1/10'
    expect(isComplete([s])).toBe(true)
    expect(isComplete([])).toBe(false)
  })

  it('writes the engine’s input without empty texts, fractions without spaces', () => {
    const s = { severity: 4, description: '儿童吞食磁珠', hazard: '小磁体', injury: '', consumer: ' ', steps: [{ description: '', probability: '1 / 2' }, { description: '吞食', probability: '0.05' }] }
    expect(JSON.parse(JSON.stringify(engineInput([s])))).toEqual({
      scenarios: [{ severity: 4, description: '儿童吞食磁珠', hazard: '小磁体', steps: [{ probability: '1/2' }, { probability: '0.05', description: '吞食' }] }],
    })
  })

  it('reads a saved input back, a direct probability as one step', () => {
    const drafts = draftsOf({ scenarios: [{ severity: 2, probability: 0.01, consumer: '成人' }, { severity: 4, steps: [{ probability: '1/2', description: 'a' }] }] })
    expect(drafts[0]).toEqual({ severity: 2, description: '', hazard: '', injury: '', consumer: '成人', steps: [{ description: '', probability: '0.01' }] })
    expect(drafts[1].steps).toEqual([{ description: 'a', probability: '1/2' }])
    expect(draftsOf(null)).toEqual([])
  })

  it('colours the levels from green to red', () => {
    expect(levelTag('low').type).toBe('success')
    expect(levelTag('medium').type).toBe('warning')
    expect(levelTag('high')).toEqual({ type: 'danger', effect: 'light' })
    expect(levelTag('serious')).toEqual({ type: 'danger', effect: 'dark' })
  })

  it('sorts the reasons by scenario, the product’s apart', () => {
    const reason = (code: string, scenario?: number) => ({ code, met: true, source: { zh: '', en: '' }, zh: code, en: code, values: scenario === undefined ? {} : { scenario } })
    const r = { reasons: [reason('risk.severity', 1), reason('risk.matrix', 2), reason('risk.product_level', 2)] } as unknown as RiskResult
    expect(reasonsOf(r, 0).map((x) => x.code)).toEqual(['risk.product_level'])
    expect(reasonsOf(r, 2).map((x) => x.code)).toEqual(['risk.matrix'])
  })

  it('shows a probability exactly and as a decimal', () => {
    expect(probabilityText('1/500', 0.002)).toBe('1/500 (0.002)')
    expect(probabilityText('1/20000', 0.00005)).toBe('1/20000 (5.00e-5)')
    expect(probabilityText('1', 1)).toBe('1')
  })
})
