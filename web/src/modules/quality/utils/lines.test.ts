import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import type { FormLine } from '../api'
import { fieldMessage } from './fieldMessage'
import { draftChange, draftsOf, groupLines, isDirty, isEditable, lineErrors, lineInputs } from './lines'

const line = (code: string, path: string[], value: number | null = null, previous: number | null = null): FormLine => ({
  code, path, name: code, unit: '%', direction: 1, formula: '', indicator_id: 1, value, previous, note: null,
})

const lines = [
  line('prod_pass', ['质量发展指数', '质量水平', '产品质量'], 95, 90),
  line('mfg_loss', ['质量发展指数', '质量水平', '产品质量']),
  line('svc_satis', ['质量发展指数', '质量水平', '服务质量'], 80, 50),
  line('standards', ['质量发展指数', '质量发展能力', '质量基础']),
]

describe('submission lines', () => {
  it('are grouped by their dimensions, in order, without the root', () => {
    const groups = groupLines(lines)
    expect(groups.map((g) => g.path)).toEqual([['质量水平', '产品质量'], ['质量水平', '服务质量'], ['质量发展能力', '质量基础']])
    expect(groups[0].lines.map((l) => l.code)).toEqual(['prod_pass', 'mfg_loss'])
    // A flat framework: the root is the only group.
    expect(groupLines([line('a', ['根']), line('b', ['根'])]).map((g) => g.path)).toEqual([['根']])
  })

  it('are edited as drafts, sent whole, dirty once changed', () => {
    const drafts = draftsOf(lines)
    expect(drafts.prod_pass).toEqual({ value: 95, note: '' })
    expect(isDirty(lines, drafts)).toBe(false)
    drafts.mfg_loss.value = 1.7
    drafts.svc_satis.note = '  换了统计口径 '
    expect(isDirty(lines, drafts)).toBe(true)
    expect(lineInputs(lines, drafts)).toEqual([
      { code: 'prod_pass', value: 95, note: null },
      { code: 'mfg_loss', value: 1.7, note: null },
      { code: 'svc_satis', value: 80, note: '换了统计口径' },
      { code: 'standards', value: null, note: null },
    ])
  })

  it('measure the draft’s change on last year against the threshold', () => {
    expect(draftChange(lines[0], { value: 95, note: '' }, 0.3)).toEqual({ change: (95 - 90) / 90, big: false })
    expect(draftChange(lines[2], { value: 80, note: '' }, 0.3)).toEqual({ change: 0.6, big: true })
    expect(draftChange(lines[1], { value: 3, note: '' }, 0.3)).toEqual({ change: null, big: false })
  })

  it('carry the server’s errors to their lines, by position (save) or by code (submit)', () => {
    const sent = lineInputs(lines, draftsOf(lines))
    const save = new ApiError(422, { code: 'validation.field', message: 'x', fields: [{ field: 'lines[1].value', rule: 'range', message: '须在 0 至 100 之间' }] })
    expect(lineErrors(save, sent)).toEqual({ mfg_loss: '须在 0 至 100 之间' })
    const submit = new ApiError(422, {
      code: 'validation.field',
      message: 'x',
      fields: [
        { field: 'standards', rule: 'required', message: 'standards:必填' },
        { field: 'svc_satis', rule: 'required', message: '较上期变化 +60.0% 超过 30%,须填写说明' },
      ],
    })
    expect(lineErrors(submit, sent)).toEqual({ standards: '必填', svc_satis: '较上期变化 +60.0% 超过 30%,须填写说明' })
    expect(lineErrors(new Error('x'), sent)).toEqual({})
  })

  it('show a field’s message without the field’s name in front', () => {
    expect(fieldMessage('prod_pass', 'prod_pass:较上期变化 -46.3% 超过 30%,须填写说明')).toBe('较上期变化 -46.3% 超过 30%,须填写说明')
    expect(fieldMessage('nodes', 'nodes:node "D2": node has no children')).toBe('node "D2": node has no children')
    expect(fieldMessage('year', '须在 2000 至 2026 之间')).toBe('须在 2000 至 2026 之间')
  })

  it('can be filled in while draft or returned in an open round', () => {
    expect(isEditable('draft', true)).toBe(true)
    expect(isEditable('returned', true)).toBe(true)
    expect(isEditable('submitted', true)).toBe(false)
    expect(isEditable('approved', true)).toBe(false)
    expect(isEditable('draft', false)).toBe(false)
  })
})
