/**
 * The household-car 三包 engine's input and answer (docs/engines/sanbao.md, SAMR Order No. 43):
 * `POST /public/sanbao/check` takes exactly the JSON of `longzhi engine sanbao --input` and answers
 * exactly its decision, so their shapes are written here after crates/engines/sanbao/src (input.rs,
 * decide.rs, periods.rs) and crates/explain (`Reason`); and the self-check form's model, how it
 * becomes the engine's input, and the checks the browser makes before asking the server.
 */
import { ApiError, fieldErrorMap } from '@/api/errors'

/** What a repair visit did (case.rs `Kind`); all three are repairs. */
export const KINDS = ['repair', 'replace_part', 'replace_assembly'] as const
export type Kind = (typeof KINDS)[number]

/** The vehicle systems of Art 24(3), and `other` (case.rs `System`). */
export const SYSTEMS = ['engine', 'gearbox', 'traction_battery', 'drive_motor', 'steering', 'brake', 'suspension', 'drivetrain', 'emission_control', 'body', 'other'] as const
export type System = (typeof SYSTEMS)[number]

/** The four assemblies of Art 20, 22 and 24(2). */
export const ASSEMBLIES: readonly System[] = ['engine', 'gearbox', 'traction_battery', 'drive_motor']
export const isAssembly = (s: System | ''): boolean => s !== '' && ASSEMBLIES.includes(s)

/** The faults of Art 23 (case.rs `FaultKind`, less `other`, which decides nothing). */
export const ART23_FAULTS = ['steering_failure', 'brake_failure', 'body_crack', 'fuel_leak', 'battery_fire'] as const
export type Art23Fault = (typeof ART23_FAULTS)[number]
export type FaultKind = Art23Fault | 'other'

/** The remedies, weakest first (decide.rs `Remedy`). */
export const REMEDIES = ['none', 'repair', 'free_assembly_replacement', 'refund_or_replace'] as const
export type Remedy = (typeof REMEDIES)[number]

/** The articles of a refund or replacement, in the engine's order. */
export const REFUND_ARTICLES = ['22', '23', '24(1)', '24(2)', '24(3)', '24(4)'] as const

/** The cap on the maker's n (Art 27): 0.5 %. */
export const RATE_CAP = 0.005
/** input.rs's upper bounds. */
export const MAX_PRICE_YUAN = 1e10
export const MAX_KM = 1e7
export const MAX_REPAIR_DAYS = 3650

/** One repair visit of the engine's input. */
export interface SanbaoEvent {
  date: string
  odometer_km: number
  kind: Kind
  system: System
  /** The main part involved; null = none identified. */
  part: string | null
  /** The same id = the same quality problem (Art 24(4)). */
  fault_id: string
  serious_safety: boolean
  fault_kind: FaultKind | null
  /** Art 40 repair time in days; rounded up per visit. */
  repair_days: number
  /** The consumer's own doing (Art 32): the visit is ignored. */
  consumer_fault: boolean
}

/** The engine's input: one car at the evaluation date. */
export interface SanbaoInput {
  /** The purchase invoice's date. */
  purchase_date: string
  /** When the car was handed over, if not on the invoice date; the periods start there. */
  delivery_date?: string | null
  price_yuan: number
  evaluation_date: string
  odometer_km: number
  /** The maker's n as a fraction (0.005 = 0.5 %). */
  compensation_rate: number
  events: SanbaoEvent[]
}

/** One rule the engine checked, met or not, in both languages (longzhi-explain `Reason`). */
export interface SanbaoReason {
  code: string
  met: boolean
  source: { zh: string; en: string }
  zh: string
  en: string
  values: Record<string, unknown>
}

/** A period: whole years or a distance, whichever comes first; `end` and `limit_km` are inside. */
export interface SanbaoPeriod {
  years: number
  end: string
  limit_km: number
}

/** The engine's decision (decide.rs `Decision`). */
export interface SanbaoDecision {
  remedy: Remedy
  /** The articles the remedy rests on: "22", "23", "24(1)"…"24(4)", "20", "19" or "32". */
  articles: string[]
  /** Art 27; null unless refund_or_replace (the engine prints a number, an API may a decimal string). */
  usage_compensation_yuan: number | string | null
  in_sanbao_period: boolean
  in_warranty_period: boolean
  reasons: SanbaoReason[]
  /** Every article whose condition holds, whether or not the remedy rests on it. */
  conditions_met: string[]
  periods: {
    start: string
    start_basis: 'delivery_date' | 'purchase_date'
    sanbao: SanbaoPeriod
    warranty: SanbaoPeriod
  }
}

/** One visit as the form edits it. */
export interface VisitForm {
  /** A key for the list (stable across removals), not sent. */
  key: number
  date: string
  odometer_km: number | null
  kind: Kind
  system: System | ''
  part: string
  /** The problem's label; visits with the same label are the same problem (fault_id). */
  problem: string
  serious_safety: boolean
  fault_kind: Art23Fault | ''
  repair_days: number | null
  consumer_fault: boolean
}

/** The self-check form. */
export interface CaseForm {
  model_id: number | null
  purchase_date: string
  delivery_date: string
  price_yuan: number | null
  evaluation_date: string
  odometer_km: number | null
  /** The maker's n in percent (0.5 = 0.5 %); blank = the cap. */
  rate_percent: number | null
  visits: VisitForm[]
}

let nextKey = 1

export function blankVisit(): VisitForm {
  return { key: nextKey++, date: '', odometer_km: null, kind: 'repair', system: '', part: '', problem: '', serious_safety: false, fault_kind: '', repair_days: null, consumer_fault: false }
}

/** A copy of a visit as a new one: the same problem, part and system (a repeat visit), no date yet. */
export function duplicateVisit(v: VisitForm): VisitForm {
  return { ...v, key: nextKey++, date: '', odometer_km: null }
}

export function blankCase(today: string): CaseForm {
  return { model_id: null, purchase_date: '', delivery_date: '', price_yuan: null, evaluation_date: today, odometer_km: null, rate_percent: null, visits: [] }
}

/**
 * A form kept in the tab's session storage (so a reload keeps the visits typed), read back: the
 * known fields of the right types only, new keys for the visits; null if it is not a form.
 */
export function restoreCase(json: string | null, today: string): CaseForm | null {
  let raw: unknown
  try {
    raw = JSON.parse(json ?? '')
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as CaseForm).visits)) return null
  const r = raw as Record<string, unknown>
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const pick = <T extends string>(v: unknown, list: readonly T[], fallback: T) => (list.includes(v as T) ? (v as T) : fallback)
  const visits = (r.visits as unknown[]).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null).map((v) => ({
    ...blankVisit(),
    date: str(v.date),
    odometer_km: num(v.odometer_km),
    kind: pick(v.kind, KINDS, 'repair'),
    system: pick<System | ''>(v.system, SYSTEMS, ''),
    part: str(v.part),
    problem: str(v.problem),
    serious_safety: v.serious_safety === true,
    fault_kind: pick<Art23Fault | ''>(v.fault_kind, ART23_FAULTS, ''),
    repair_days: num(v.repair_days),
    consumer_fault: v.consumer_fault === true,
  }))
  return {
    model_id: num(r.model_id),
    purchase_date: str(r.purchase_date),
    delivery_date: str(r.delivery_date),
    price_yuan: num(r.price_yuan),
    evaluation_date: str(r.evaluation_date) || today,
    odometer_km: num(r.odometer_km),
    rate_percent: num(r.rate_percent),
    visits,
  }
}

/** A decimal without the binary noise of a float product (0.45 / 100 → 0.0045, not 0.0045000000000000005). */
const clean = (x: number): number => Number(x.toPrecision(12))

/** n in percent (as people read it on the 三包凭证) → the engine's fraction. */
export const percentToRate = (percent: number): number => clean(percent / 100)
/** The engine's fraction → percent. */
export const rateToPercent = (rate: number | string): number => clean(Number(rate) * 100)

/** A problem label as an id: trimmed, inner runs of spaces as one, so "异响 " and "异响" are one problem. */
export const problemId = (label: string): string => label.trim().replace(/\s+/g, ' ')

/** The labels the visits use so far, in order of first use, for the "same problem as" choice. */
export function problemLabels(visits: readonly VisitForm[]): string[] {
  return [...new Set(visits.map((v) => problemId(v.problem)).filter(Boolean))]
}

/**
 * The visit numbers (1-based) of each problem with more than one visit: a problem's label → its
 * visits, so the form can say "the same problem as visits 1 and 3".
 */
export function sameProblemVisits(visits: readonly VisitForm[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  visits.forEach((v, i) => {
    const id = problemId(v.problem)
    if (id) out.set(id, [...(out.get(id) ?? []), i + 1])
  })
  return out
}

/** The start of both periods (Art 18): the delivery date if given, else the invoice date. */
export const startDate = (f: Pick<CaseForm, 'purchase_date' | 'delivery_date'>): string => f.delivery_date || f.purchase_date

/**
 * The engine's input of a form that passed `checkCase`. A visit without a problem label is a
 * problem of its own, named by `ownProblem(visit number)`; a blank n is the cap (the highest
 * usage compensation the law allows).
 */
export function buildInput(f: CaseForm, ownProblem: (n: number) => string): SanbaoInput {
  const input: SanbaoInput = {
    purchase_date: f.purchase_date,
    price_yuan: f.price_yuan ?? 0,
    evaluation_date: f.evaluation_date,
    odometer_km: f.odometer_km ?? 0,
    compensation_rate: f.rate_percent === null ? RATE_CAP : percentToRate(f.rate_percent),
    events: f.visits.map((v, i) => ({
      date: v.date,
      odometer_km: v.odometer_km ?? 0,
      kind: v.kind,
      system: v.system || 'other',
      part: v.part.trim() || null,
      fault_id: problemId(v.problem) || ownProblem(i + 1),
      serious_safety: v.serious_safety,
      fault_kind: v.fault_kind || null,
      repair_days: v.repair_days ?? 0,
      consumer_fault: v.consumer_fault,
    })),
  }
  if (f.delivery_date) input.delivery_date = f.delivery_date
  return input
}

/** A problem the browser finds: a text key under `car.sanbao.check` and its parameters. */
export interface Problem {
  key: string
  params?: Record<string, string | number>
}

/** Paths of the engine's input (input.rs names them so in its errors). */
export const eventPath = (i: number, field: keyof SanbaoEvent | '') => (field ? `events[${i}].${field}` : `events[${i}]`)

function number(out: Record<string, Problem>, path: string, v: number | null, min: 'positive' | 'nonNegative', max: number): void {
  if (v === null || v === undefined || Number.isNaN(v)) out[path] = { key: 'required' }
  else if (min === 'positive' ? v <= 0 : v < 0) out[path] = { key: min }
  else if (v > max) out[path] = { key: 'tooLarge', params: { max: max.toLocaleString('en-US') } }
}

/**
 * What the engine would refuse (input.rs), by the path it would name: required dates and numbers,
 * numbers within bounds, the evaluation not before the start, odometers that never go back (in date
 * order) and never above today's. Empty when the form can be sent.
 */
export function checkCase(f: CaseForm): Record<string, Problem> {
  const out: Record<string, Problem> = {}
  if (!f.purchase_date) out.purchase_date = { key: 'required' }
  number(out, 'price_yuan', f.price_yuan, 'positive', MAX_PRICE_YUAN)
  if (!f.evaluation_date) out.evaluation_date = { key: 'required' }
  else if (startDate(f) && f.evaluation_date < startDate(f)) out.evaluation_date = { key: 'beforeStart', params: { start: startDate(f) } }
  number(out, 'odometer_km', f.odometer_km, 'nonNegative', MAX_KM)
  if (f.rate_percent !== null && (f.rate_percent < 0 || f.rate_percent > 100)) out.compensation_rate = { key: 'rateRange' }

  f.visits.forEach((v, i) => {
    if (!v.date) out[eventPath(i, 'date')] = { key: 'required' }
    number(out, eventPath(i, 'odometer_km'), v.odometer_km, 'nonNegative', MAX_KM)
    if (!v.system) out[eventPath(i, 'system')] = { key: 'required' }
    number(out, eventPath(i, 'repair_days'), v.repair_days, 'nonNegative', MAX_REPAIR_DAYS)
  })
  // Odometers in date order (input order breaking ties), as input.rs checks them.
  const dated = f.visits.map((v, i) => ({ v, i })).filter(({ v }) => v.date && v.odometer_km !== null)
  dated.sort((a, b) => (a.v.date < b.v.date ? -1 : a.v.date > b.v.date ? 1 : a.i - b.i))
  for (let k = 1; k < dated.length; k++) {
    const [a, b] = [dated[k - 1], dated[k]]
    const path = eventPath(b.i, 'odometer_km')
    if ((b.v.odometer_km as number) < (a.v.odometer_km as number) && !out[path]) out[path] = { key: 'odometerBack', params: { n: a.i + 1, km: a.v.odometer_km as number } }
  }
  f.visits.forEach((v, i) => {
    const path = eventPath(i, 'odometer_km')
    if (v.date && f.evaluation_date && v.date <= f.evaluation_date && v.odometer_km !== null && f.odometer_km !== null && v.odometer_km > f.odometer_km && !out[path])
      out[path] = { key: 'aboveOdometer', params: { km: f.odometer_km } }
  })
  return out
}

/**
 * Hints on a visit that the engine accepts but that are likely slips: outside the dates it counts,
 * or a part replaced on an assembly without naming the part (Art 20 and 22 need it).
 */
export function visitHints(f: CaseForm, v: VisitForm): Problem[] {
  const out: Problem[] = []
  const start = startDate(f)
  if (v.date && start && v.date < start) out.push({ key: 'beforeStart', params: { start } })
  if (v.date && f.evaluation_date && v.date > f.evaluation_date) out.push({ key: 'afterEvaluation', params: { date: f.evaluation_date } })
  if (v.kind === 'replace_part' && isAssembly(v.system) && !v.part.trim()) out.push({ key: 'namePart' })
  return out
}

/** The fields of the form, by the engine's paths, that show an error where they are. */
const CASE_FIELDS = ['purchase_date', 'delivery_date', 'price_yuan', 'evaluation_date', 'odometer_km', 'compensation_rate']
const EVENT_FIELD = /^events\[(\d+)\](?:\.(date|odometer_km|kind|system|part|fault_id|serious_safety|fault_kind|repair_days|consumer_fault))?$/

/** Whether an error's path has a place in a form of `visits` visits; the others are shown above the form. */
export function isFieldPath(path: string, visits: number): boolean {
  if (CASE_FIELDS.includes(path)) return true
  const m = EVENT_FIELD.exec(path)
  return m !== null && Number(m[1]) < visits
}

/** What a refused check shows: the rate limit, the fields' errors by the engine's paths, or the error itself. */
export type ServerProblem = { kind: 'rate_limited' } | { kind: 'fields'; fields: Record<string, string> } | { kind: 'other' }

export function serverProblem(e: unknown): ServerProblem {
  if (e instanceof ApiError && (e.status === 429 || e.code === 'request.rate_limited')) return { kind: 'rate_limited' }
  if (e instanceof ApiError && e.fields.length) {
    // A message may repeat its path in front ("events[0].odometer_km: must be ≥ 0"): shown at the field, without it.
    const strip = (path: string, m: string) => (m.startsWith(`${path}:`) || m.startsWith(`${path}：`) ? m.slice(path.length + 1).trimStart() : m)
    return { kind: 'fields', fields: Object.fromEntries(Object.entries(fieldErrorMap(e)).map(([path, m]) => [path, strip(path, m)])) }
  }
  return { kind: 'other' }
}

/** An article's text key: "24(1)" → "a24_1", "22" → "a22". */
export const articleKey = (article: string): string => `a${article.replace(/\((\d+)\)/, '_$1')}`

/**
 * The engine's `events[i]` in a reason's text as the visit's number people see ("第 2 次维修"); a
 * list of them ("events[0], events[2]") joined by `sep` (the language's list separator).
 */
export function nameVisits(text: string, visit: (n: number) => string, sep = ', '): string {
  return text.replace(/events\[\d+\](?:, events\[\d+\])*/g, (list) => list.split(', ').map((e) => visit(Number(e.slice(7, -1)) + 1)).join(sep))
}

/** Days from one ISO date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** An amount in yuan (number or decimal string) with two decimals and thousands separators. */
export function formatYuan(v: number | string): string {
  const n = Number(v)
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(v)
}

/** A distance in km with thousands separators. */
export const formatKm = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 1 })

/**
 * The reasons split for reading: the ones that hold (shown), the others (folded), in the engine's
 * order; the refund articles whose conditions hold although the remedy is weaker (the period ended).
 */
export function splitReasons(d: SanbaoDecision): { met: SanbaoReason[]; unmet: SanbaoReason[]; mootRefund: string[] } {
  const mootRefund = d.remedy === 'refund_or_replace' ? [] : d.conditions_met.filter((a) => (REFUND_ARTICLES as readonly string[]).includes(a))
  return { met: d.reasons.filter((r) => r.met), unmet: d.reasons.filter((r) => !r.met), mootRefund }
}

/**
 * The visits (1-based) of a single repair over 5 days inside the warranty period, not the
 * consumer's doing (Art 21: a courtesy car or travel costs from day 6); the engine does not decide
 * Art 21, so the visits it set aside (outside the dates or the warranty period) are left out here.
 */
export function courtesyVisits(input: SanbaoInput, d: SanbaoDecision): number[] {
  const setAside = new Set(d.reasons.filter((r) => ['event.outside_dates', 'event.outside_warranty', 'art32.consumer_fault'].includes(r.code)).map((r) => Number(r.values.event)))
  return input.events.flatMap((e, i) => (e.repair_days > 5 && !e.consumer_fault && !setAside.has(i) ? [i + 1] : []))
}

/** The system of the visit Art 20 was met by (the assembly to replace), if any. */
export function art20System(input: SanbaoInput, d: SanbaoDecision): System | null {
  const r = d.reasons.find((x) => x.code === 'art20.main_part_within_60_days' && x.met)
  const e = r ? input.events[Number(r.values.event)] : undefined
  return e ? e.system : null
}

/** How far a case is from one refund condition of Art 24, for a car still inside the sanbao period. */
export interface RefundProgress {
  kind: 'days' | 'same' | 'serious' | 'assembly' | 'part'
  count: number
  /** The count at which the condition holds (more than 30 days = 31, more than 4 repairs = 5, the 3rd serious repair, 2 replacements and a later visit). */
  threshold: number
  /** The problem (same), the system (assembly, part) and the part (part) concerned. */
  fault?: string
  system?: System
  part?: string
}

/**
 * The Art 24 counts the engine reports (art24_1, art24_2, art24_3, art24_4 reasons), non-zero ones
 * only, when a refund or replacement is not yet granted but the sanbao period still runs: what
 * further repairs would open it.
 */
export function refundProgress(input: SanbaoInput, d: SanbaoDecision): RefundProgress[] {
  if (d.remedy === 'refund_or_replace' || !d.in_sanbao_period) return []
  const out: RefundProgress[] = []
  for (const r of d.reasons) {
    const v = r.values
    const count = Number(v.count ?? 0)
    const first = Array.isArray(v.events) && v.events.length ? input.events[Number(v.events[0])] : undefined
    switch (r.code) {
      case 'art24_4.cumulative_days':
        out.push({ kind: 'days', count: Number(v.cumulative_repair_days ?? 0), threshold: Number(v.limit_days ?? 30) + 1 })
        break
      case 'art24_4.same_problem':
        if (typeof v.fault_id === 'string') out.push({ kind: 'same', count, threshold: Number(v.limit ?? 4) + 1, fault: v.fault_id })
        break
      case 'art24_1.serious_safety':
        out.push({ kind: 'serious', count, threshold: Number(v.threshold ?? 3) })
        break
      case 'art24_2.assembly_replaced_twice':
        if (first) out.push({ kind: 'assembly', count, threshold: Number(v.threshold ?? 2), system: first.system })
        break
      case 'art24_3.main_part_replaced_twice':
        if (first) out.push({ kind: 'part', count, threshold: Number(v.threshold ?? 2), system: first.system, part: first.part ?? '' })
        break
    }
  }
  return out.filter((p) => p.count > 0)
}

/** A worked example: delivered, then a main part of the gearbox replaced on day 5 (Art 22); `texts` name the part and the problem. */
export function exampleCase(today: string, texts: { part: string; problem: string }): CaseForm {
  const day = (offset: number) => {
    const d = new Date(`${today}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + offset)
    return d.toISOString().slice(0, 10)
  }
  const visit: VisitForm = { ...blankVisit(), date: day(-5), odometer_km: 420, kind: 'replace_part', system: 'gearbox', part: texts.part, problem: texts.problem, repair_days: 3 }
  return { model_id: null, purchase_date: day(-12), delivery_date: day(-10), price_yuan: 159800, evaluation_date: today, odometer_km: 460, rate_percent: null, visits: [visit] }
}
