/** Display and form helpers of the work-plan pages (docs/guide/plan-api.md). */
import type { CurrentUser } from '@/api/types'

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九; other numbers stay digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n)
  if (n < 10) return DIGITS[n]
  const tens = Math.floor(n / 10)
  const ones = n % 10
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`
}

/** The numbering of a part as the plan texts write it: `一、` (Chinese) or `1. ` (English UI). */
export function partPrefix(seq: number, locale: string): string {
  return locale === 'en' ? `${seq}. ` : `${chineseNumeral(seq)}、`
}

/** The numbering of a point: `（一）` or `(1) `. */
export function pointPrefix(seq: number, locale: string): string {
  return locale === 'en' ? `(${seq}) ` : `（${chineseNumeral(seq)}）`
}

/** The year a document number or title names: 甘市监办函〔2023〕18号, [2023], 2023年. */
export function yearFromText(...texts: (string | null | undefined)[]): number | null {
  for (const text of texts) {
    if (!text) continue
    const m = /[〔[［(（](\d{4})[〕\]］)）]/.exec(text) ?? /(\d{4})\s*年/.exec(text)
    if (m) {
      const y = Number(m[1])
      if (y >= 2000 && y <= 2100) return y
    }
  }
  return null
}

/** The whole calendar year, the usual span of an annual plan. */
export function yearSpan(year: number): [string, string] {
  return [`${year}-01-01`, `${year}-12-31`]
}

/** Today as YYYY-MM-DD in the viewer's time zone. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Whether a YYYY-MM-DD date lies within [start, end] (bounds included; absent bounds are open). */
export function dateWithin(date: string | null | undefined, start?: string | null, end?: string | null): boolean {
  if (!date) return false
  return (!start || date >= start) && (!end || date <= end)
}

/** A rate 0..1 as a whole percentage 0..100. */
export function ratePercent(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0
  return Math.min(100, Math.max(0, Math.round(rate * 100)))
}

/** A target counts as completed when its status is `done` and its latest report is accepted. */
export function isCompleted(t: { status: string; review: string }): boolean {
  return t.status === 'done' && t.review === 'accepted'
}

/**
 * Whether a target is the signed-in user's to report on: addressed to their organisation, or to
 * the city bureau of their region (a city user of another office of that bureau).
 */
export function isOwnTarget(t: { org_id: number; org_kind: string; region_code: string }, user: CurrentUser | null): boolean {
  if (!user?.org) return false
  if (t.org_id === user.org.id) return true
  return t.org_kind === 'city_bureau' && !!user.region && user.region.code === t.region_code
}

/** Element Plus tag types of the states. */
export const planStatusType = (s: string) => (s === 'published' ? 'success' : s === 'closed' ? 'info' : 'warning')
export const targetStatusType = (s: string) => (s === 'done' ? 'success' : s === 'in_progress' ? 'primary' : 'info')
export const reviewType = (s: string) => (s === 'accepted' ? 'success' : s === 'pending' ? 'warning' : s === 'returned' ? 'danger' : 'info')

/**
 * The addressed cities of a task for display: the names the viewer can resolve, and how many
 * others there are (a city user may only list its own bureau).
 */
export function cityList(codes: readonly string[], names: Record<string, string> | undefined): { names: string[]; others: number } {
  const known = codes.filter((c) => names?.[c]).map((c) => names![c])
  return { names: known, others: codes.length - known.length }
}

type Translate = (key: string, params?: Record<string, unknown>) => string

/** A task's cities as text: all, none, or the addressed ones (see cityList). */
export function describeCities(task: { city_scope: string; city_codes: readonly string[] }, names: Record<string, string> | undefined, t: Translate): string {
  if (task.city_scope === 'all') return t('plan.cityScopes.all')
  if (task.city_scope === 'none' || !task.city_codes.length) return t('common.none')
  const { names: known, others } = cityList(task.city_codes, names)
  if (!known.length) return t('plan.citiesCount', { n: others })
  return others ? `${known.join('、')} ${t('plan.otherCities', { n: others })}` : known.join('、')
}
