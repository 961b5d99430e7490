/**
 * What a create page is opened with in its query string: the signal-register entry it follows up
 * (`signal_id`, with the product or brand and model and the hazard the injury register page
 * passes), a defect report (`report_id`) or an investigation (`investigation_id`).
 */
import type { LocationQuery } from 'vue-router'

export interface Prefill {
  signal_id: number | null
  report_id: number | null
  investigation_id: number | null
  category: string
  brand: string
  model: string
  hazard: string
  title: string
}

const str = (q: LocationQuery, k: string): string => (typeof q[k] === 'string' ? (q[k] as string).trim() : '')
const num = (q: LocationQuery, k: string): number | null => {
  const v = Number(str(q, k))
  return Number.isInteger(v) && v > 0 ? v : null
}

export function prefillOf(q: LocationQuery): Prefill {
  return {
    signal_id: num(q, 'signal_id'),
    report_id: num(q, 'report_id'),
    investigation_id: num(q, 'investigation_id'),
    category: str(q, 'category'),
    brand: str(q, 'brand'),
    model: str(q, 'model'),
    hazard: str(q, 'hazard'),
    title: str(q, 'title'),
  }
}

/** Whether the query asks for anything (else the page opens blank). */
export const hasPrefill = (p: Prefill): boolean => Object.values(p).some((v) => v !== null && v !== '')

/** `迅驰 XC-20000`, or the category's label when no brand is known. */
export function productName(p: Pick<Prefill, 'brand' | 'model' | 'category'>, categoryLabel: (c: string) => string): string {
  const bm = [p.brand, p.model].filter(Boolean).join(' ')
  return bm || (p.category ? categoryLabel(p.category) : '')
}
