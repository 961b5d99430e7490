/**
 * A questionnaire's answers as a form (staff entry, the public page): one value per item, blank
 * (null) for "don't know"; the scale's points; and the data-quality rules the server applies
 * (issue 18 contract), previewed before sending. Any flag excludes the response from the results.
 */
import type { Flag } from '../api'

export type Answers = Record<string, number | null>

interface ItemsOf {
  items: readonly { code: string }[]
}

/** Every item of the constructs, blank. */
export function blankAnswers(constructs: readonly ItemsOf[]): Answers {
  return Object.fromEntries(constructs.flatMap((c) => c.items.map((i) => [i.code, null])))
}

/** The scale's points, from its minimum to its maximum. */
export function scalePoints(min: number, max: number): number[] {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) return []
  return Array.from({ length: max - min + 1 }, (_, i) => min + i)
}

export interface AnswerCount {
  answered: number
  blank: number
  total: number
}

export function countAnswers(answers: Answers): AnswerCount {
  const values = Object.values(answers)
  const answered = values.filter((v) => v !== null && v !== undefined).length
  return { answered, blank: values.length - answered, total: values.length }
}

/** Items whose value lies outside the scale or is not a whole number. */
export function outOfRange(answers: Answers, min: number, max: number): string[] {
  return Object.entries(answers)
    .filter(([, v]) => v !== null && v !== undefined && (!Number.isInteger(v) || v < min || v > max))
    .map(([code]) => code)
}

export interface Thresholds {
  scale_min: number
  scale_max: number
  /** Seconds under which a response is speeding. */
  min_seconds: number
  /** Share (0–1) of the items that may be blank. */
  max_missing: number
}

/** Answered items needed before equal answers count as straight-lining. */
export const STRAIGHT_LINE_MIN = 5

/** The flags the server would set on these answers (straight-lining, speeding, out of range, missing). */
export function previewFlags(answers: Answers, durationSeconds: number | null | undefined, t: Thresholds): Flag[] {
  const flags: Flag[] = []
  const given = Object.values(answers).filter((v): v is number => v !== null && v !== undefined)
  if (given.length >= STRAIGHT_LINE_MIN && given.every((v) => v === given[0])) flags.push('straight_line')
  if (durationSeconds !== null && durationSeconds !== undefined && durationSeconds < t.min_seconds) flags.push('speeding')
  if (outOfRange(answers, t.scale_min, t.scale_max).length) flags.push('out_of_range')
  const { blank, total } = countAnswers(answers)
  if (total > 0 && blank / total > t.max_missing) flags.push('missing')
  return flags
}

/** Why the form cannot be sent: nothing answered, or a value outside the scale; null when it can. */
export function answerProblem(answers: Answers, min: number, max: number): 'empty' | 'range' | null {
  if (countAnswers(answers).answered === 0) return 'empty'
  return outOfRange(answers, min, max).length ? 'range' : null
}

/** The answers to send: every item, blank as null. */
export function answersBody(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v === undefined ? null : v]))
}
