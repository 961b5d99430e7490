import { describe, expect, it } from 'vitest'
import { diffRecords, showValue } from './diff'

describe('audit diff', () => {
  it('lists changed fields first, then unchanged ones', () => {
    const rows = diffRecords({ name: '天水', enabled: true, version: 1, tags: ['a'] }, { name: '天水市', enabled: true, version: 2, tags: ['a'], phone: '1' })
    expect(rows.map((r) => [r.field, r.kind])).toEqual([
      ['name', 'changed'],
      ['phone', 'added'],
      ['version', 'changed'],
      ['enabled', 'same'],
      ['tags', 'same'],
    ])
  })

  it('handles creation and deletion', () => {
    expect(diffRecords(null, { a: 1 })).toEqual([{ field: 'a', before: undefined, after: 1, kind: 'added' }])
    expect(diffRecords({ a: 1 }, null)).toEqual([{ field: 'a', before: 1, after: undefined, kind: 'removed' }])
  })

  it('shows values verbatim (HTML is text, not markup)', () => {
    expect(showValue('<b>x</b>')).toBe('<b>x</b>')
    expect(showValue(null)).toBe('null')
    expect(showValue(undefined)).toBe('')
    expect(showValue({ a: [1] })).toBe('{"a":[1]}')
  })
})
