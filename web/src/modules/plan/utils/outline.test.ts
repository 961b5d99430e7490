import { describe, expect, it } from 'vitest'
import type { Outline } from '../api'
import { cleanOutline, countPoints, outlineProblems, removePart, removePoint, renumber } from './outline'

const outline = (): Outline => ({
  title: ' 2023年质量发展工作要点 ',
  doc_no: '甘市监办函〔2023〕18号',
  parts: [
    { seq: 1, title: '强化政治引领', points: [{ seq: 1, title: '全面贯彻党的二十大精神', body: '正文' }, { seq: 2, title: '深入学习贯彻《纲要》', body: '' }, { seq: 3, title: '谋篇布局', body: '' }] },
    { seq: 2, title: '聚力质量强省建设', points: [{ seq: 1, title: '质量提升行动', body: '' }] },
    { seq: 3, title: '加力全面质量管理', points: [] },
  ],
})

describe('outline editing', () => {
  it('removes a point and renumbers the points through the plan', () => {
    const o = removePoint(outline(), 0, 1)
    expect(o.parts[0].points.map((p) => [p.seq, p.title])).toEqual([[1, '全面贯彻党的二十大精神'], [2, '谋篇布局']])
    expect(o.parts[1].points[0].seq).toBe(3)
    expect(countPoints(o)).toBe(3)
  })

  it('removes a part and renumbers the parts', () => {
    const o = removePart(outline(), 0)
    expect(o.parts.map((p) => [p.seq, p.title])).toEqual([[1, '聚力质量强省建设'], [2, '加力全面质量管理']])
  })

  it('does not change the outline it is given', () => {
    const before = outline()
    removePoint(before, 0, 0)
    removePart(before, 1)
    expect(before).toEqual(outline())
  })

  it('renumbers in the current order', () => {
    const o = outline()
    o.parts.reverse()
    expect(renumber(o).parts.map((p) => p.seq)).toEqual([1, 2, 3])
  })

  it('finds parts and points without a title', () => {
    const o = outline()
    o.parts[1].title = '  '
    o.parts[0].points[2].title = ''
    expect(outlineProblems(o)).toEqual([{ part: 0, point: 2 }, { part: 1 }])
    expect(outlineProblems(outline())).toEqual([])
  })

  it('trims what it posts', () => {
    const o = outline()
    o.parts[0].points[0].title = ' 全面贯彻 '
    o.doc_no = ' '
    const c = cleanOutline(o)
    expect(c.title).toBe('2023年质量发展工作要点')
    expect(c.doc_no).toBeUndefined()
    expect(c.parts[0].points[0].title).toBe('全面贯彻')
  })
})
