import { describe, expect, it } from 'vitest'
import {
  blankItem, constructInputs, diagramPositions, dropConstruct, editConstructs, editPaths, layers, modelProblems, move, nextCode, pathDiagramOption, pathInputs,
  problemsByField, renameConstruct, type ModelInput,
} from './model'

const item = (code: string) => ({ code, text: `${code} 文本`, text_en: `${code} text` })
const base = (): ModelInput => ({
  scale_min: 1,
  scale_max: 10,
  max_missing: 0.2,
  min_seconds: 60,
  target: 'B',
  services: ['life_catering'],
  constructs: [
    { code: 'A', name: '甲', name_en: 'A', items: [item('A1'), item('A2')] },
    { code: 'B', name: '乙', name_en: 'B', items: [item('B1')] },
  ],
  paths: [{ from: 'A', to: 'B' }],
})
const fields = (m: ModelInput) => modelProblems(m).map((p) => `${p.field}:${p.key}`)

describe('the questionnaire model', () => {
  it('accepts a small recursive model', () => {
    expect(modelProblems(base())).toEqual([])
  })

  it('names the field of each problem, as the server does', () => {
    const m = base()
    m.constructs = [
      { code: 'A', name: '', name_en: '', items: [item('A1'), { code: '1x', text: ' ', text_en: '' }] },
      { code: 'A', name: '乙', name_en: '', items: [item('A1')] },
      { code: 'C', name: '丙', name_en: '', items: [] },
    ]
    m.paths = [{ from: 'A', to: 'A' }, { from: 'A', to: 'Z' }, { from: 'A', to: 'C' }, { from: 'A', to: 'C' }]
    m.target = 'Q'
    expect(fields(m)).toEqual([
      'constructs[0].name:name',
      'constructs[0].items[1].code:code',
      'constructs[0].items[1].text:text',
      'constructs[1].code:duplicate',
      'constructs[1].items[0].code:duplicate',
      'constructs[2].items:noItems',
      'paths[0].to:selfPath',
      'paths[1].to:unknownConstruct',
      'paths[3].to:duplicatePath',
      'target:target',
    ])
  })

  it('refuses a cycle, a target no path leads to, a bad scale or thresholds, and no services', () => {
    const m = base()
    m.constructs = [...m.constructs, { code: 'C', name: '丙', name_en: '', items: [item('C1')] }]
    m.paths = [{ from: 'A', to: 'B' }, { from: 'B', to: 'C' }, { from: 'C', to: 'A' }]
    expect(fields(m)).toContain('paths[0].to:cycle')
    const n = base()
    n.target = 'A'
    n.scale_min = 5
    n.scale_max = 5
    n.max_missing = 0.6
    n.min_seconds = -1
    n.services = []
    n.paths = []
    expect(fields(n)).toEqual(['scale_max:scale', 'max_missing:maxMissing', 'min_seconds:minSeconds', 'services:noServices', 'paths:noPaths', 'target:targetEndogenous'])
    expect(problemsByField(modelProblems(n)).target.key).toBe('targetEndogenous')
  })

  it('keeps the server’s limits: construct codes of 16, no item named as a grouping column, 2–12 constructs of 1–12 items', () => {
    const m = base()
    m.constructs = [
      { code: 'A23456789012345678', name: '甲', name_en: '', items: [item('region'), ...Array.from({ length: 12 }, (_, i) => item(`A${i + 1}`))] },
      { code: 'B', name: '乙', name_en: '', items: [item('B1')] },
    ]
    m.paths = [{ from: 'A23456789012345678', to: 'B' }]
    expect(fields(m)).toEqual(['constructs[0].code:code', 'constructs[0].items:manyItems', 'constructs[0].items[0].code:reserved'])
    m.constructs = Array.from({ length: 13 }, (_, i) => ({ code: `C${i}`, name: 'x', name_en: '', items: [item(`I${i}`)] }))
    m.paths = [{ from: 'C0', to: 'C1' }]
    m.target = 'C1'
    expect(fields(m)).toEqual(['constructs:constructCount'])
  })

  it('edits with stable keys and sends the plain input back, trimmed', () => {
    const cs = editConstructs([{ code: 'A', name: ' 甲 ', name_en: 'A', items: [item('A1')] }])
    expect(cs[0].key).toBeGreaterThan(0)
    expect(cs[0].items[0].key).not.toBe(cs[0].key)
    expect(constructInputs(cs)).toEqual([{ code: 'A', name: '甲', name_en: 'A', items: [item('A1')] }])
    expect(pathInputs(editPaths([{ from: 'A', to: 'B' }]))).toEqual([{ from: 'A', to: 'B' }])
  })

  it('codes new items after their construct, unique in the model', () => {
    expect(nextCode('C', ['C1', 'C3'])).toBe('C2')
    const cs = editConstructs([{ code: 'PQ', name: '', name_en: '', items: [item('PQ1'), item('PQ2')] }, { code: 'X', name: '', name_en: '', items: [item('PQ3')] }])
    expect(blankItem(cs[0], cs).code).toBe('PQ4')
  })

  it('moves a row within bounds', () => {
    const l = ['a', 'b', 'c']
    move(l, 0, 1)
    expect(l).toEqual(['b', 'a', 'c'])
    move(l, 2, 1)
    move(l, 0, -1)
    expect(l).toEqual(['b', 'a', 'c'])
    move(l, 2, -2)
    expect(l).toEqual(['c', 'b', 'a'])
  })

  it('keeps the paths and target with a renamed or removed construct', () => {
    const paths = editPaths([{ from: 'A', to: 'B' }, { from: 'B', to: 'C' }])
    expect(renameConstruct(paths, 'B', 'B', 'S')).toBe('S')
    expect(pathInputs(paths)).toEqual([{ from: 'A', to: 'S' }, { from: 'S', to: 'C' }])
    expect(renameConstruct(paths, 'S', '', 'X')).toBe('S')
    const dropped = dropConstruct(paths, 'S', 'S')
    expect(dropped.paths).toEqual([])
    expect(dropped.target).toBe('')
  })

  it('lays the diagram out left to right along the paths', () => {
    const paths = [{ from: 'EX', to: 'PQ' }, { from: 'EX', to: 'CS' }, { from: 'PQ', to: 'CS' }, { from: 'CS', to: 'CL' }]
    expect(Object.fromEntries(layers(['EX', 'PQ', 'CS', 'CL', 'LONE'], paths))).toEqual({ EX: 0, PQ: 1, CS: 2, CL: 3, LONE: 0 })
    const at = diagramPositions(['EX', 'PQ', 'CS', 'CL'], paths)
    expect(at.get('EX')).toEqual({ x: 0, y: 50 })
    expect(at.get('CL')).toEqual({ x: 100, y: 50 })
    // A cycle ends without looping forever.
    expect(layers(['A', 'B'], [{ from: 'A', to: 'B' }, { from: 'B', to: 'A' }]).size).toBe(2)
  })

  it('draws the constructs as nodes, the target marked, and the known paths as arrows', () => {
    const o = pathDiagramOption([{ code: 'A', label: '甲' }, { code: 'B', label: '乙' }, { code: '', label: '' }], [{ from: 'A', to: 'B' }, { from: 'A', to: 'Z' }], 'B')
    const s = (o.series as { data: { name: string; text: string; itemStyle: { borderColor: string } }[]; links: unknown[] }[])[0]
    expect(s.data.map((d) => d.name)).toEqual(['A', 'B'])
    expect(s.data[1].itemStyle.borderColor).toBe('#e6a23c')
    expect(s.links).toEqual([{ source: 'A', target: 'B' }])
  })
})
