import { describe, expect, it } from 'vitest'
import { messages } from '@/i18n/messages'
import { ACTION_STATUSES, FRAMEWORK_STATUSES, ROUND_STATUSES, SUBMISSION_STATUSES } from '../api'
import { stateKey, stateType, type StateKind } from './states'

const at = (o: object, key: string): unknown => key.split('.').reduce((v: never, p) => v?.[p], o as never)

describe('the module’s states', () => {
  const all: [StateKind, readonly string[]][] = [
    ['framework', FRAMEWORK_STATUSES],
    ['round', ROUND_STATUSES],
    ['submission', SUBMISSION_STATUSES],
    ['action', ACTION_STATUSES],
    ['job', ['queued', 'running', 'done', 'failed']],
  ]

  it('are labelled in both languages', () => {
    for (const [kind, values] of all)
      for (const v of values)
        for (const lang of ['zh-CN', 'en'] as const) expect(at(messages[lang], stateKey(kind, v)), `${lang} ${kind} ${v}`).toBeTruthy()
  })

  it('are coloured by what they ask of the viewer', () => {
    expect(stateType('submission', 'submitted')).toBe('warning')
    expect(stateType('submission', 'returned')).toBe('danger')
    expect(stateType('submission', 'approved')).toBe('success')
    expect(stateType('job', 'failed')).toBe('danger')
    expect(stateType('round', 'unknown')).toBe('info')
  })
})
