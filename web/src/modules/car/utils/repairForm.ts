/**
 * A repair visit as the console's forms edit it (the intake form's inline visits, the visit
 * dialog), and the server's `RepairInput` of it (crates/modules/car/src/repairs.rs).
 */
import type { RepairInput, RepairView } from '../consoleApi'

export interface RepairForm {
  /** A key for the list (stable across removals), not sent. */
  key: number
  date: string
  odometer_km: number | null
  /** Dictionary `car_repair_kind`. */
  kind: string
  /** Dictionary `car_system`. */
  system: string
  part: string
  /** Visits with the same id are the same quality problem (Art 24(4)). */
  fault_id: string
  serious_safety: boolean
  /** Dictionary `car_fault_kind`; empty: none. */
  fault_kind: string
  repair_days: number | null
  consumer_fault: boolean
  repairer: string
  note: string
}

let nextKey = 1

export function blankRepair(): RepairForm {
  return { key: nextKey++, date: '', odometer_km: null, kind: 'repair', system: '', part: '', fault_id: '', serious_safety: false, fault_kind: '', repair_days: null, consumer_fault: false, repairer: '', note: '' }
}

export function repairFormOf(r: RepairView): RepairForm {
  return {
    key: nextKey++, date: r.date, odometer_km: r.odometer_km, kind: r.kind, system: r.system, part: r.part ?? '', fault_id: r.fault_id,
    serious_safety: r.serious_safety, fault_kind: r.fault_kind ?? '', repair_days: r.repair_days, consumer_fault: r.consumer_fault, repairer: r.repairer, note: r.note,
  }
}

/** The server's input of a visit that passed the form's rules: texts trimmed, blanks as null. */
export function repairInputOf(f: RepairForm): RepairInput {
  return {
    date: f.date,
    odometer_km: f.odometer_km ?? 0,
    kind: f.kind,
    system: f.system,
    part: f.part.trim() || null,
    fault_id: f.fault_id.trim(),
    serious_safety: f.serious_safety,
    fault_kind: f.fault_kind || null,
    repair_days: f.repair_days ?? 0,
    consumer_fault: f.consumer_fault,
    repairer: f.repairer.trim(),
    note: f.note.trim(),
  }
}

/** The problem ids used so far (in order of first use), offered for "the same problem as". */
export function faultIdsOf(visits: readonly { fault_id: string }[]): string[] {
  return [...new Set(visits.map((v) => v.fault_id.trim()).filter(Boolean))]
}

/**
 * A field of a dispute's server error as people read it: `repairs[2].odometer_km` names the third
 * visit (in date order, as the engine counts them) and its field; `label` gives a field's name.
 */
export function fieldName(field: string, label: (key: string) => string, visit: (n: number) => string): string {
  const m = /^repairs\[(\d+)\](?:\.(\w+))?$/.exec(field)
  if (m) return m[2] ? `${visit(Number(m[1]) + 1)} · ${label(m[2])}` : visit(Number(m[1]) + 1)
  return label(field)
}
