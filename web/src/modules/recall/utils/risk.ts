/**
 * The risk engine's input and answer (docs/engines/risk.md). The OpenAPI document types both only
 * as objects (`POST /risk/evaluate` answers exactly what `longzhi engine risk` prints), so their
 * shapes are written here, after crates/engines/risk/src/assess.rs and crates/explain (`Reason`).
 */
import type { Level } from '../api'

/** One rule the engine checked, met or not, in both languages. */
export interface RiskReason {
  code: string
  met: boolean
  source: { zh: string; en: string }
  zh: string
  en: string
  values: Record<string, unknown>
}

/** The cumulative state after one step of a scenario. */
export interface StepTrace {
  step: number
  description?: string
  probability: number
  probability_exact: string
  cumulative_probability: number
  cumulative_exact: string
  band: string
  level_before: Level
  level: Level
  changed_level: boolean
}

export interface ScenarioResult {
  severity: number
  probability: number
  probability_exact: string
  band: string
  level: Level
  /** The level before any step (probability 1), when the scenario has steps. */
  initial_level?: Level
  steps?: StepTrace[]
  description?: string
  hazard?: string
  injury?: string
  consumer?: string
}

export interface RiskResult {
  scenario_levels: Level[]
  level: Level
  reasons: RiskReason[]
  /** 1-based. */
  deciding_scenario: number
  scenarios: ScenarioResult[]
}

/** A step of a scenario as the editor holds it. */
export interface StepDraft {
  description: string
  /** `1/100`, `0.002` … as typed. */
  probability: string
}

/** A scenario as the editor holds it. */
export interface ScenarioDraft {
  severity: number | null
  description: string
  hazard: string
  injury: string
  consumer: string
  steps: StepDraft[]
}

export const blankStep = (): StepDraft => ({ description: '', probability: '' })
export const blankScenario = (hazard = ''): ScenarioDraft => ({ severity: null, description: '', hazard, injury: '', consumer: '', steps: [blankStep()] })

/** A fraction `a/b` (b > 0, a ≤ b) or a decimal in [0, 1]: what the engine reads as a probability. */
export function isProbability(text: string): boolean {
  const s = text.trim()
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(s)
  if (frac) return Number(frac[2]) > 0 && Number(frac[1]) <= Number(frac[2])
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(s)) return false
  const v = Number(s)
  return v >= 0 && v <= 1
}

/** Whether every scenario has a severity and steps with valid probabilities (so the engine can run). */
export function isComplete(scenarios: readonly ScenarioDraft[]): boolean {
  return scenarios.length > 0 && scenarios.every((s) => s.severity !== null && s.steps.length > 0 && s.steps.every((p) => isProbability(p.probability)))
}

const text = (v: string) => (v.trim() ? v.trim() : undefined)

/** The engine's input (`longzhi engine risk --input`): empty texts left out, fractions without spaces. */
export function engineInput(scenarios: readonly ScenarioDraft[]): { scenarios: object[] } {
  return {
    scenarios: scenarios.map((s) => ({
      severity: s.severity,
      steps: s.steps.map((p) => ({ probability: p.probability.replace(/\s+/g, ''), description: text(p.description) })),
      description: text(s.description),
      hazard: text(s.hazard),
      injury: text(s.injury),
      consumer: text(s.consumer),
    })),
  }
}

/** A saved input's scenarios back in the editor (a probability given directly becomes one step). */
export function draftsOf(input: unknown): ScenarioDraft[] {
  const list = (input as { scenarios?: unknown[] } | null)?.scenarios
  if (!Array.isArray(list)) return []
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')
  return list.map((raw) => {
    const s = raw as Record<string, unknown>
    const steps = Array.isArray(s.steps) ? (s.steps as Record<string, unknown>[]).map((p) => ({ description: str(p.description), probability: str(p.probability) })) : [{ description: '', probability: str(s.probability) }]
    return { severity: typeof s.severity === 'number' ? s.severity : null, description: str(s.description), hazard: str(s.hazard), injury: str(s.injury), consumer: str(s.consumer), steps }
  })
}

/** The tag type of a level: green, yellow, red, and red filled for serious. */
export function levelTag(level: string | null | undefined): { type: 'success' | 'warning' | 'danger' | 'info'; effect: 'light' | 'dark' } {
  switch (level) {
    case 'low':
      return { type: 'success', effect: 'light' }
    case 'medium':
      return { type: 'warning', effect: 'light' }
    case 'high':
      return { type: 'danger', effect: 'light' }
    case 'serious':
      return { type: 'danger', effect: 'dark' }
    default:
      return { type: 'info', effect: 'light' }
  }
}

/** A reason's sentence in the UI language. */
export const reasonText = (r: Pick<RiskReason, 'zh' | 'en'>, locale: string): string => (locale === 'en' ? r.en : r.zh)

/** The reasons of scenario `n` (1-based), and those of the product as a whole (`n` = 0). */
export function reasonsOf(result: RiskResult, n: number): RiskReason[] {
  return result.reasons.filter((r) => (n === 0 ? r.values.scenario === undefined || r.code === 'risk.product_level' : r.code !== 'risk.product_level' && r.values.scenario === n))
}

/** `1/500 (0.002)`: a probability's exact form with its decimal. */
export function probabilityText(exact: string, decimal: number): string {
  const d = decimal === 0 ? '0' : decimal >= 0.001 ? String(Number(decimal.toPrecision(4))) : decimal.toExponential(2)
  return exact === d ? exact : `${exact} (${d})`
}
