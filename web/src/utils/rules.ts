/**
 * Element Plus form rules that mirror the server's field rules (docs/api.md `fields[].rule`).
 * Messages are looked up when a rule fires, so they follow the current language.
 */
import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'
import { checkCreditCode } from './creditCode'
import { checkOrgCode, ORG_CODE_MAX } from './org'
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH } from './password'
import { checkUsername, USERNAME_MAX, USERNAME_MIN } from './username'

const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params)
type Validator = NonNullable<FormItemRule['validator']>

function rule(validator: (value: unknown) => string | null, trigger: FormItemRule['trigger'] = 'blur'): FormItemRule {
  const v: Validator = (_r, value, callback) => {
    const problem = validator(value)
    if (problem) callback(new Error(problem))
    else callback()
  }
  return { validator: v, trigger }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)

/** `required`; `fieldKey` is the i18n key of the field's label. */
export function required(fieldKey: string, choose = false): FormItemRule {
  return { ...rule((v) => (isEmpty(v) ? t(choose ? 'rules.select' : 'rules.required', { field: t(fieldKey) }) : null), choose ? 'change' : 'blur'), required: true }
}

/** `length` in characters (code points, as the server counts). */
export function length(fieldKey: string, min: number, max: number): FormItemRule {
  return rule((v) => {
    if (isEmpty(v)) return null
    const n = [...String(v)].length
    return n < min || n > max ? t('rules.length', { field: t(fieldKey), min, max }) : null
  })
}

export function username(): FormItemRule {
  return rule((v) => {
    if (isEmpty(v)) return null
    const p = checkUsername(String(v))
    if (p === 'length') return t('rules.length', { field: t('user.username'), min: USERNAME_MIN, max: USERNAME_MAX })
    return p ? t('rules.usernameFormat') : null
  })
}

/** An organisation's code: up to 32 of `A–Z a–z 0–9 _ -` (the length counted as part of the format, as the server does). */
export function orgCode(): FormItemRule {
  return rule((v) => {
    if (isEmpty(v)) return null
    const p = checkOrgCode(String(v))
    if (p === 'required') return t('rules.required', { field: t('org.code') })
    return p ? t('rules.orgCodeFormat', { max: ORG_CODE_MAX }) : null
  })
}

export function creditCode(): FormItemRule {
  return rule((v) => {
    if (isEmpty(v)) return null
    const p = checkCreditCode(String(v))
    if (p === 'length') return t('rules.creditLength')
    if (p === 'format') return t('rules.creditFormat')
    return p ? t('rules.creditChecksum') : null
  })
}

export function passwordPolicy(): FormItemRule {
  return rule((v) => {
    if (isEmpty(v)) return null
    const c = checkPassword(String(v))
    if (!c.longEnough) return t('password.tooShort', { min: PASSWORD_MIN_LENGTH })
    if (c.tooLong) return t('rules.length', { field: t('login.password'), min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })
    return c.ok ? null : t('password.classes', { classes: PASSWORD_MIN_CLASSES })
  })
}

export function sameAs(other: () => unknown): FormItemRule {
  return rule((v) => (isEmpty(v) || v === other() ? null : t('password.mismatch')))
}

export function email(): FormItemRule {
  return rule((v) => (isEmpty(v) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(v)) ? null : t('rules.email')))
}

export function mobile(): FormItemRule {
  return rule((v) => (isEmpty(v) || /^1\d{10}$/.test(String(v)) ? null : t('rules.phone')))
}
