import { describe, expect, it } from 'vitest'
import { buildQuery, parseSort, sortParam } from './query'
import { dayRangeParams } from '@/utils/dateRange'
import { filenameFromDisposition } from './http'
import { cleanFilters, countTree, filterTree } from '@/composables/useListPage'

describe('query building', () => {
  it('drops empty values, repeats arrays, encodes', () => {
    expect(buildQuery({ page: 1, page_size: 20, q: '', org_id: null, x: undefined, sort: '-name' })).toBe('?page=1&page_size=20&sort=-name')
    expect(buildQuery({ ids: [1, 2], q: '天水 & 兰州' })).toBe('?ids=1&ids=2&q=%E5%A4%A9%E6%B0%B4+%26+%E5%85%B0%E5%B7%9E')
    expect(buildQuery({})).toBe('')
    expect(buildQuery({ enabled: false })).toBe('?enabled=false')
  })

  it('turns table sort state into `sort` and back', () => {
    expect(sortParam('name', 'ascending')).toBe('name')
    expect(sortParam('created_at', 'descending')).toBe('-created_at')
    expect(sortParam('name', null)).toBeUndefined()
    expect(sortParam(null, 'ascending')).toBeUndefined()
    expect(parseSort('-at,username')).toEqual({ prop: 'at', order: 'descending' })
    expect(parseSort(undefined)).toBeUndefined()
  })

  it('maps a range of local days to RFC 3339 instants', () => {
    const q = dayRangeParams(['2023-01-01', '2023-03-31'])
    expect(new Date(String(q.from)).getTime()).toBe(new Date(2023, 0, 1, 0, 0, 0).getTime())
    expect(new Date(String(q.to)).getTime()).toBe(new Date(2023, 2, 31, 23, 59, 59, 999).getTime())
    expect(String(q.from)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    expect(dayRangeParams(null)).toEqual({})
    expect(dayRangeParams(['nope', '2023-01-01'])).toEqual({})
  })

  it('cleans list filters', () => {
    expect(cleanFilters({ q: '  tianshui ', org_id: null, enabled: '', ids: [], n: 0, b: false })).toEqual({ q: 'tianshui', n: 0, b: false })
  })
})

describe('download names', () => {
  it('reads RFC 6266 file names, preferring filename*', () => {
    expect(filenameFromDisposition(`attachment; filename="users.xlsx"; filename*=UTF-8''%E7%94%A8%E6%88%B7.xlsx`, 'x')).toBe('用户.xlsx')
    expect(filenameFromDisposition('attachment; filename=users.xlsx', 'x')).toBe('users.xlsx')
    expect(filenameFromDisposition(null, 'export.xlsx')).toBe('export.xlsx')
  })
})

describe('tree filtering', () => {
  const tree = [
    { name: '甘肃省', children: [{ name: '兰州市', children: [{ name: '城关区' }] }, { name: '天水市', children: [{ name: '秦州区' }] }] },
  ]
  it('keeps matches with their ancestors', () => {
    const out = filterTree(tree, (r) => r.name.includes('秦州'))
    expect(out).toEqual([{ name: '甘肃省', children: [{ name: '天水市', children: [{ name: '秦州区' }] }] }])
    expect(countTree(tree)).toBe(5)
    expect(countTree(out)).toBe(3)
  })
})
