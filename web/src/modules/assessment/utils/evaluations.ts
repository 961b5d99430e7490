/**
 * Pure helpers of the self-evaluation form: the city's claim per indicator as the form edits it,
 * the body of a save, and the indicators still without a claimed score (submitting needs them all).
 */
import type { FileView } from '@/api/files'

/** What the form edits of an indicator. */
export interface ClaimLine {
  indicator_id: number
  code: string
  points: number
  claimed: number | null
  statement: string
  attachments: FileView[]
}

interface ItemLike {
  indicator_id: number
  code: string
  points: number
  claimed?: number | null
  statement?: string | null
  attachments?: FileView[] | null
}

/** The form's lines of a self-evaluation's items, in their order. */
export function claimLines(items: readonly ItemLike[]): ClaimLine[] {
  return items.map((i) => ({
    indicator_id: i.indicator_id, code: i.code, points: i.points, claimed: i.claimed ?? null, statement: i.statement ?? '', attachments: [...(i.attachments ?? [])],
  }))
}

/** The `items` of a save, in the lines' order (the server's `items[n]` errors point into it). */
export function claimsBody(lines: readonly ClaimLine[]): { indicator_id: number; claimed: number | null; statement: string; attachment_ids: number[] }[] {
  return lines.map((l) => ({ indicator_id: l.indicator_id, claimed: l.claimed, statement: l.statement.trim(), attachment_ids: l.attachments.map((f) => f.id) }))
}

/** The codes of the indicators without a claimed score, or with one outside 0 … points. */
export function missingClaims(lines: readonly ClaimLine[]): string[] {
  return lines.filter((l) => l.claimed === null || l.claimed < 0 || l.claimed > l.points).map((l) => l.code)
}
