/** The CSRF token of the current login, kept for this tab in sessionStorage (docs/api.md). */
const KEY = 'lz.csrf'

export function getCsrfToken(): string | null {
  return sessionStorage.getItem(KEY)
}

export function setCsrfToken(token: string | null): void {
  if (token) sessionStorage.setItem(KEY, token)
  else sessionStorage.removeItem(KEY)
}
