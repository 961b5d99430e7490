/**
 * Organisation fields as the server checks them (store `orgs.rs`): the code is 1–32 characters of
 * `[A-Za-z0-9_-]` after trimming; enterprises and institutions must carry a credit code.
 */
export const ORG_CODE_PATTERN = /^[A-Za-z0-9_-]+$/
export const ORG_CODE_MAX = 32

/** Kinds that must carry a valid 统一社会信用代码 (server `NEEDS_CREDIT_CODE`). */
export const NEEDS_CREDIT_CODE: readonly string[] = ['enterprise', 'institution']

export type OrgCodeProblem = 'required' | 'format'

/** Null when valid; the server answers both a long code and a foreign character with `format`. */
export function checkOrgCode(raw: string): OrgCodeProblem | null {
  const code = raw.trim()
  if (!code) return 'required'
  return code.length <= ORG_CODE_MAX && ORG_CODE_PATTERN.test(code) ? null : 'format'
}

export function needsCreditCode(kind: string): boolean {
  return NEEDS_CREDIT_CODE.includes(kind)
}
