/** Editing an imported plan outline (POST /plans/import/preview) before it becomes NewPlan.outline. */
import type { Outline } from '../api'

/** Parts numbered 1..n, points numbered through the whole plan (as the notice numbers them:
 * 一、(一)…(四) 二、(五)…), in their current order. */
export function renumber(o: Outline): Outline {
  let n = 0
  return {
    ...o,
    parts: o.parts.map((part, i) => ({ ...part, seq: i + 1, points: part.points.map((pt) => ({ ...pt, seq: ++n })) })),
  }
}

export function removePart(o: Outline, partIndex: number): Outline {
  return renumber({ ...o, parts: o.parts.filter((_, i) => i !== partIndex) })
}

export function removePoint(o: Outline, partIndex: number, pointIndex: number): Outline {
  return renumber({
    ...o,
    parts: o.parts.map((part, i) => (i === partIndex ? { ...part, points: part.points.filter((_, j) => j !== pointIndex) } : part)),
  })
}

export function countPoints(o: Outline): number {
  return o.parts.reduce((n, p) => n + p.points.length, 0)
}

/** Where an outline cannot be saved: a part or point without a title (indexes 0-based). */
export interface OutlineProblem {
  part: number
  point?: number
}

export function outlineProblems(o: Outline): OutlineProblem[] {
  const out: OutlineProblem[] = []
  o.parts.forEach((part, i) => {
    if (!part.title.trim()) out.push({ part: i })
    part.points.forEach((pt, j) => {
      if (!pt.title.trim()) out.push({ part: i, point: j })
    })
  })
  return out
}

/** The outline as it is posted: titles and bodies trimmed, numbering made consecutive. */
export function cleanOutline(o: Outline): Outline {
  return renumber({
    ...o,
    title: o.title?.trim() || undefined,
    doc_no: o.doc_no?.trim() || undefined,
    parts: o.parts.map((part) => ({ ...part, title: part.title.trim(), points: part.points.map((pt) => ({ ...pt, title: pt.title.trim(), body: (pt.body ?? '').trim() })) })),
  })
}
