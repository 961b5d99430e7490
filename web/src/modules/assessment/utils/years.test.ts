import { describe, expect, it } from 'vitest'
import { flowIndex, gradesProblem, groupByPart, partTotals, percent, prefecturesOf, roundPoints, sumOf, yearSteps } from './years'

describe('a year’s flow', () => {
  it('places the step bar', () => {
    expect(flowIndex('draft')).toBe(0)
    expect(flowIndex('scoring')).toBe(2)
    expect(flowIndex('published')).toBe(4)
    expect(flowIndex('unknown')).toBe(0)
  })
  it('offers the steps of the state', () => {
    expect(yearSteps('draft')).toEqual({ draft: true, editTitle: true, open: true, close: false, publish: false, reopen: false })
    expect(yearSteps('self_evaluation')).toMatchObject({ draft: false, editTitle: true, close: true, open: false })
    expect(yearSteps('scoring')).toMatchObject({ editTitle: false, publish: true, reopen: false })
    expect(yearSteps('published')).toMatchObject({ publish: false, reopen: true })
  })
})

describe('the indicator system', () => {
  const indicators = [
    { part: '一、质量发展', points: 10 },
    { part: '一、质量发展', points: 5.5 },
    { part: '二、质量安全', points: 0.1 },
    { part: '一、质量发展', points: 4.5 },
    { part: '二、质量安全', points: 0.2 },
  ]
  it('adds the points per part, parts in order of appearance', () => {
    expect(partTotals(indicators)).toEqual([
      { part: '一、质量发展', points: 20, count: 3 },
      { part: '二、质量安全', points: 0.3, count: 2 },
    ])
    expect(sumOf(indicators, (i) => i.points)).toBe(20.3)
    expect(sumOf([{ v: null }, { v: 2 }], (r) => r.v)).toBe(2)
    expect(roundPoints(0.1 + 0.2)).toBe(0.3)
  })
  it('groups rows by part', () => {
    expect(groupByPart(indicators).map((g) => [g.part, g.rows.length])).toEqual([['一、质量发展', 3], ['二、质量安全', 2]])
    expect(groupByPart([])).toEqual([])
  })
})

describe('the grade table', () => {
  const grades = [{ grade: 'A', min: 90 }, { grade: 'B', min: 80 }, { grade: 'C', min: 60 }, { grade: 'D', min: 0 }]
  it('check the table', () => {
    expect(gradesProblem(grades)).toBeNull()
    expect(gradesProblem([])).toBe('empty')
    expect(gradesProblem([{ grade: ' ', min: 0 }])).toBe('name')
    expect(gradesProblem([{ grade: 'A', min: 50 }, { grade: 'A', min: 0 }])).toBe('duplicate')
    expect(gradesProblem([{ grade: 'A', min: 120 }, { grade: 'B', min: 0 }])).toBe('range')
    expect(gradesProblem([{ grade: 'A', min: 80 }, { grade: 'B', min: 80 }, { grade: 'C', min: 0 }])).toBe('order')
    expect(gradesProblem([{ grade: 'A', min: 90 }, { grade: 'B', min: 60 }])).toBe('floor')
  })
})

describe('helpers', () => {
  it('count percentages', () => {
    expect(percent(3, 14)).toBe(21)
    expect(percent(0, 0)).toBe(0)
    expect(percent(15, 14)).toBe(100)
  })
  it('find the prefectures in the region tree', () => {
    const tree = [
      {
        code: '620000', name: '甘肃省', level: 'province',
        children: [
          { code: '620100', name: '兰州市', level: 'prefecture', children: [{ code: '620102', name: '城关区', level: 'county' }] },
          { code: '620200', name: '嘉峪关市', level: 'prefecture' },
          { code: '620171', name: '兰州新区', level: 'special' },
          { code: '622900', name: '临夏回族自治州', level: 'prefecture' },
        ],
      },
    ]
    expect(prefecturesOf(tree).map((r) => r.code)).toEqual(['620100', '620200', '622900'])
  })
})
