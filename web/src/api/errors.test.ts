import { describe, expect, it } from 'vitest'
import { ApiError, BAD_RESPONSE, ERROR_CODES, NETWORK_ERROR, errorFromResponse, errorMessage, fieldErrorMap } from './errors'
import { messages } from '@/i18n/messages'
import { createI18n } from 'vue-i18n'

// The console's texts with every module's (the plan's error codes are the plan module's texts).
const i18n = createI18n({ legacy: false, locale: 'en', messages })
const t = (k: string, p?: Record<string, unknown>) => i18n.global.t(k, p ?? {})
const te = (k: string) => i18n.global.te(k)

describe('error bodies', () => {
  it('parses the server shape into a typed ApiError', () => {
    const body = { code: 'validation.field', message: '字段有误', request_id: 'r-1', fields: [{ field: 'username', rule: 'unique', message: '已被占用' }] }
    const e = errorFromResponse(422, JSON.stringify(body))
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 422, code: 'validation.field', requestId: 'r-1', message: '字段有误' })
    expect(e.fields).toHaveLength(1)
  })

  it('gives non-JSON answers a code by status', () => {
    expect(errorFromResponse(502, '<html>Bad gateway</html>').code).toBe('internal')
    expect(errorFromResponse(401, '').code).toBe('auth.unauthenticated')
    expect(errorFromResponse(404, 'nope').code).toBe('not_found')
    expect(errorFromResponse(418, '{"weird":1}').code).toBe('client.bad_response')
  })

  it('maps 422 fields onto form fields, first message per field', () => {
    const e = new ApiError(422, {
      code: 'validation.field',
      message: 'x',
      fields: [
        { field: 'username', rule: 'format', message: 'bad shape' },
        { field: 'username', rule: 'length', message: 'too long' },
        { field: 'credit_code', rule: 'checksum', message: 'check digit' },
      ],
    })
    expect(fieldErrorMap(e)).toEqual({ username: 'bad shape', credit_code: 'check digit' })
    expect(fieldErrorMap(new Error('x'))).toEqual({})
  })
})

describe('error messages', () => {
  it('translates every code of the server (generated from its OpenAPI document) in both languages', () => {
    expect(ERROR_CODES).toContain('plan.own_report')
    for (const locale of ['en', 'zh-CN'] as const) {
      i18n.global.locale.value = locale
      for (const code of [...ERROR_CODES, NETWORK_ERROR, BAD_RESPONSE]) {
        expect(te(`errors.${code}`), `${locale} ${code}`).toBe(true)
        expect(t(`errors.${code}`), `${locale} ${code}`).not.toBe(`errors.${code}`)
      }
    }
    i18n.global.locale.value = 'en'
  })

  it('prefers the UI translation, falls back to the server message, adds the request id to internal errors', () => {
    expect(errorMessage(new ApiError(401, { code: 'auth.invalid_credentials', message: '用户名或密码错误' }), t, te)).toBe('Wrong user name or password')
    expect(errorMessage(new ApiError(409, { code: 'role.in_use', message: '该角色仍有用户' }), t, te)).toBe('The role is still held by users')
    // Messages with details (the lock-out's end) are the server's.
    expect(errorMessage(new ApiError(423, { code: 'auth.locked', message: 'locked until 2023-05-01T10:15:00Z' }), t, te)).toBe('locked until 2023-05-01T10:15:00Z')
    // A code the UI does not know yet shows the server's (localised) message.
    expect(errorMessage(new ApiError(409, { code: 'survey.closed', message: 'The survey is closed' }), t, te)).toBe('The survey is closed')
    expect(errorMessage(new ApiError(500, { code: 'internal', message: 'x', request_id: 'abc' }), t, te)).toBe('Internal server error (abc)')
    expect(errorMessage(new TypeError('Failed to fetch'), t, te)).toBe('Cannot reach the server: Failed to fetch')
  })
})
