/**
 * The ACSI satisfaction model a new questionnaire may start from (issue 18 contract): the six
 * constructs of the American Customer Satisfaction Index — expectation, perceived quality,
 * perceived value, satisfaction, complaints, loyalty — with their usual items, its nine paths and
 * satisfaction as the target. The codes and paths are the model's; the names and item texts come
 * from the module's texts in both languages (locales: `service.template`).
 */
import type { Construct, PathLink } from '../api'

/** A construct's name and its items' texts in one language. */
export interface TemplateConstructTexts {
  name: string
  items: Record<string, string>
}
export type TemplateTexts = Record<string, TemplateConstructTexts>

/** The constructs in the model's order, each with its items' codes. */
export const ACSI_CONSTRUCTS: readonly { code: string; items: readonly string[] }[] = [
  { code: 'EX', items: ['EX1', 'EX2', 'EX3'] },
  { code: 'PQ', items: ['PQ1', 'PQ2', 'PQ3'] },
  { code: 'PV', items: ['PV1', 'PV2'] },
  { code: 'CS', items: ['CS1', 'CS2', 'CS3'] },
  { code: 'CC', items: ['CC1', 'CC2'] },
  { code: 'CL', items: ['CL1', 'CL2'] },
]

export const ACSI_PATHS: readonly PathLink[] = [
  { from: 'EX', to: 'PQ' },
  { from: 'EX', to: 'PV' },
  { from: 'EX', to: 'CS' },
  { from: 'PQ', to: 'PV' },
  { from: 'PQ', to: 'CS' },
  { from: 'PV', to: 'CS' },
  { from: 'CS', to: 'CC' },
  { from: 'CS', to: 'CL' },
  { from: 'CC', to: 'CL' },
]

export const ACSI_TARGET = 'CS'

export interface ModelTemplate {
  constructs: Construct[]
  paths: PathLink[]
  target: string
}

/** The ACSI model with the names and texts of `zh` and `en` (a text missing in English falls back to the Chinese). */
export function acsiTemplate(zh: TemplateTexts, en: TemplateTexts): ModelTemplate {
  const constructs = ACSI_CONSTRUCTS.map((c) => ({
    code: c.code,
    name: zh[c.code]?.name ?? c.code,
    name_en: en[c.code]?.name ?? zh[c.code]?.name ?? c.code,
    items: c.items.map((code) => ({ code, text: zh[c.code]?.items[code] ?? code, text_en: en[c.code]?.items[code] ?? zh[c.code]?.items[code] ?? code })),
  }))
  return { constructs, paths: ACSI_PATHS.map((p) => ({ ...p })), target: ACSI_TARGET }
}

/** An empty model (one construct without items is not a valid model: the editor fills it in). */
export function emptyModel(): ModelTemplate {
  return { constructs: [], paths: [], target: '' }
}
