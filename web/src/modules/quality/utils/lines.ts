/** A submission's lines: grouped by dimension, edited as drafts, and the server's errors on them. */
import { ApiError } from '@/api/errors'
import type { FormLine, LineInput, SubmissionStatus } from '../api'
import { fieldMessage } from './fieldMessage'
import { changeOnLastYear, isBigChange } from './format'

export interface LineGroup {
  /** The dimensions above the lines, below the root: ['质量水平', '产品质量']. */
  path: string[]
  lines: FormLine[]
}

/**
 * The lines grouped by their `path` (the dimensions above them, root first), in the framework's
 * order; the root's name is left out of each group's path unless it is all there is.
 */
export function groupLines(lines: readonly FormLine[]): LineGroup[] {
  const groups = new Map<string, LineGroup>()
  for (const line of lines) {
    const path = line.path.length > 1 ? line.path.slice(1) : line.path
    const key = path.join('\u0000')
    const group = groups.get(key) ?? { path, lines: [] }
    group.lines.push(line)
    groups.set(key, group)
  }
  return [...groups.values()]
}

/** What the user types into a line: the value (null: empty) and the comment. */
export interface LineDraft {
  value: number | null
  note: string
}

export function draftsOf(lines: readonly FormLine[]): Record<string, LineDraft> {
  return Object.fromEntries(lines.map((l) => [l.code, { value: l.value ?? null, note: l.note ?? '' }]))
}

/** Whether any draft differs from its stored line. */
export function isDirty(lines: readonly FormLine[], drafts: Record<string, LineDraft>): boolean {
  return lines.some((l) => {
    const d = drafts[l.code]
    return d !== undefined && ((l.value ?? null) !== d.value || (l.note ?? '') !== d.note.trim())
  })
}

/** Every line as the save call takes it (all of them: a missing value clears the stored one). */
export function lineInputs(lines: readonly FormLine[], drafts: Record<string, LineDraft>): LineInput[] {
  return lines.map((l) => {
    const d = drafts[l.code] ?? { value: null, note: '' }
    const note = d.note.trim()
    return { code: l.code, value: d.value, note: note || null }
  })
}

/** The change of a line's draft on last year and whether it is beyond the threshold. */
export function draftChange(line: FormLine, draft: LineDraft | undefined, threshold: number): { change: number | null; big: boolean } {
  const change = changeOnLastYear(line.previous, draft ? draft.value : line.value)
  return { change, big: isBigChange(change, threshold) }
}

/**
 * The server's 422 errors by indicator code: a save names `lines[k].value` (k: the position in
 * what was sent, `sent`), a submission names the indicator's code itself.
 */
export function lineErrors(err: unknown, sent: readonly LineInput[]): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(err instanceof ApiError)) return out
  for (const f of err.fields) {
    const m = /^lines\[(\d+)\]\.\w+$/.exec(f.field)
    const code = m ? sent[Number(m[1])]?.code : f.field
    if (code && !(code in out)) out[code] = fieldMessage(f.field, f.message)
  }
  return out
}

/** Whether the submission can still be filled in (the city's own, while draft or returned, in an open round). */
export function isEditable(status: SubmissionStatus, roundOpen: boolean): boolean {
  return roundOpen && (status === 'draft' || status === 'returned')
}
