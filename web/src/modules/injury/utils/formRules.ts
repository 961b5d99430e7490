/** Form rules of the module's dialogs beyond src/utils/rules.ts, with messages looked up when they fire. */
import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'

/** Refuses a filled-in value `bad` says is wrong, with the message of `key`. */
export function check(bad: (value: unknown) => boolean, key: string, trigger: 'blur' | 'change' = 'change'): FormItemRule {
  return {
    validator: (_r, v, cb) => (v !== undefined && v !== null && v !== '' && bad(v) ? cb(new Error(i18n.global.t(key))) : cb()),
    trigger,
  }
}
