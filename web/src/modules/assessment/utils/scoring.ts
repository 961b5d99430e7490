/**
 * Pure helpers of the departments' scoring page: the rows by indicator, the scores entered beside
 * the saved ones, the batch of changed scores a save sends, a score's problem as the server sees it
 * (0 … points; a comment when points are deducted), and the server's `items[n].field` errors put
 * back on their rows.
 */

interface RowLike {
  item_id: number
  indicator_id: number
  points: number
  score?: number | null
  comment?: string | null
  mine: boolean
}

/** What the page edits of a row. */
export interface ScoreEdit {
  score: number | null
  comment: string
}

/** The rows in groups of their indicator, the indicators in order of first appearance. */
export function groupByIndicator<R extends RowLike>(rows: readonly R[]): { indicator: R; rows: R[] }[] {
  const groups = new Map<number, R[]>()
  for (const r of rows) {
    const g = groups.get(r.indicator_id)
    if (g) g.push(r)
    else groups.set(r.indicator_id, [r])
  }
  return [...groups.values()].map((rows) => ({ indicator: rows[0], rows }))
}

/** The edits of the saved scores, by item. */
export function editsOf(rows: readonly RowLike[]): Record<number, ScoreEdit> {
  return Object.fromEntries(rows.map((r) => [r.item_id, { score: r.score ?? null, comment: r.comment ?? '' }]))
}

/** The caller's rows whose score or comment differ from the saved ones (a score left empty is not sent). */
export function changedScores(rows: readonly RowLike[], edits: Record<number, ScoreEdit>): { item_id: number; score: number; comment: string }[] {
  return rows.flatMap((r) => {
    const e = edits[r.item_id]
    if (!r.mine || !e || e.score === null) return []
    const comment = e.comment.trim()
    return e.score !== (r.score ?? null) || comment !== (r.comment ?? '').trim() ? [{ item_id: r.item_id, score: e.score, comment }] : []
  })
}

/** Why the server would refuse a score: outside 0 … points, or points deducted without a comment. */
export function scoreProblem(points: number, e: ScoreEdit): 'range' | 'comment' | null {
  if (e.score === null) return null
  if (e.score < 0 || e.score > points) return 'range'
  return e.score < points && !e.comment.trim() ? 'comment' : null
}

/** The server's field errors of a save (`items[n].score`) by the item of the n-th score sent. */
export function rowErrors(fields: Record<string, string>, sent: readonly { item_id: number }[]): Record<number, Partial<Record<'score' | 'comment', string>>> {
  const out: Record<number, Partial<Record<'score' | 'comment', string>>> = {}
  for (const [field, message] of Object.entries(fields)) {
    const m = /^items\[(\d+)\]\.(score|comment)$/.exec(field)
    const item = m ? sent[Number(m[1])] : undefined
    if (!m || !item) continue
    const key = m[2] as 'score' | 'comment'
    out[item.item_id] = { ...out[item.item_id], [key]: message }
  }
  return out
}
