import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/errors'
import { publicProblem } from './publicErrors'

describe('the public form’s refusals', () => {
  it('tells the rate limit apart', () => {
    expect(publicProblem(new ApiError(429, { code: 'request.rate_limited', message: '提交过于频繁' }))).toEqual({ kind: 'rate_limited' })
  })

  it('puts each field’s message under its field, without the field’s name in front', () => {
    const e = new ApiError(422, {
      code: 'validation.field',
      message: 'invalid',
      fields: [
        { field: 'producer_code', rule: 'credit_code', message: 'producer_code: 统一社会信用代码校验位错误' },
        { field: 'reporter_phone', rule: 'format', message: '手机号码格式不正确' },
      ],
    } as ConstructorParameters<typeof ApiError>[1])
    expect(publicProblem(e)).toEqual({ kind: 'fields', fields: { producer_code: '统一社会信用代码校验位错误', reporter_phone: '手机号码格式不正确' } })
  })

  it('leaves other errors to the console’s messages', () => {
    expect(publicProblem(new ApiError(500, { code: 'internal', message: 'x' }))).toEqual({ kind: 'other' })
    expect(publicProblem(new Error('offline'))).toEqual({ kind: 'other' })
  })
})
