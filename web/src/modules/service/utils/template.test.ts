import { describe, expect, it } from 'vitest'
import en from '../locales/en'
import zh from '../locales/zh-CN'
import { ACSI_CONSTRUCTS, ACSI_PATHS, acsiTemplate } from './template'
import { modelProblems } from './model'

describe('the ACSI template', () => {
  const m = acsiTemplate(zh.service.template.constructs, en.service.template.constructs)

  it('has the six constructs, nine paths and satisfaction as the target', () => {
    expect(m.constructs.map((c) => c.code)).toEqual(['EX', 'PQ', 'PV', 'CS', 'CC', 'CL'])
    expect(m.paths).toHaveLength(9)
    expect(m.paths).toContainEqual({ from: 'CC', to: 'CL' })
    expect(m.target).toBe('CS')
  })

  it('names every construct and item in both languages, from the module’s texts', () => {
    for (const c of m.constructs) {
      expect(c.name).not.toBe(c.code)
      expect(c.name_en).not.toBe(c.code)
      expect(c.name).not.toBe(c.name_en)
      for (const i of c.items) {
        expect(i.text, i.code).not.toBe(i.code)
        expect(i.text_en, i.code).not.toBe(i.code)
      }
    }
    expect(m.constructs.find((c) => c.code === 'CS')?.name).toBe('满意度')
    expect(m.constructs.find((c) => c.code === 'CS')?.name_en).toBe('Satisfaction')
  })

  it('is a model the console’s checks accept', () => {
    expect(modelProblems({ scale_min: 1, scale_max: 10, max_missing: 0.2, min_seconds: 60, services: ['pub_education'], ...m })).toEqual([])
  })

  it('falls back to the Chinese, then the code, for a missing text; and hands out copies', () => {
    const bare = acsiTemplate({}, {})
    expect(bare.constructs[0]).toMatchObject({ code: 'EX', name: 'EX', name_en: 'EX' })
    const half = acsiTemplate({ EX: { name: '顾客预期', items: { EX1: '预期' } } }, {})
    expect(half.constructs[0]).toMatchObject({ name_en: '顾客预期', items: [{ code: 'EX1', text: '预期', text_en: '预期' }, { code: 'EX2', text: 'EX2' }, { code: 'EX3' }] })
    half.paths[0].to = 'XX'
    expect(ACSI_PATHS[0].to).toBe('PQ')
    expect(ACSI_CONSTRUCTS).toHaveLength(6)
  })
})
