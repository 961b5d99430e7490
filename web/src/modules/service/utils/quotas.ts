/**
 * The quota grid of a round: cities (rows) × services (columns), each cell a target with what was
 * collected and how much of it is valid. The province edits the targets (one cell, a whole row or
 * column, or every cell at once) and the grid is sent back whole (`PUT /rounds/{id}/quotas`).
 */
import type { QuotaCell, QuotaView } from '../api'

export interface GridCell {
  /** The quota's id when the cell exists on the server. */
  id: number | null
  target: number
  collected: number
  valid: number
}

export interface GridRow {
  region_code: string
  region_name: string
  cells: Record<string, GridCell>
}

const empty = (): GridCell => ({ id: null, target: 0, collected: 0, valid: 0 })

/**
 * The grid of `quotas` over `services`: a row for every city of `cities` (in their order; the
 * province sets targets for any of them), then any city only the quotas name; a cell for every
 * service (0 where there is no quota).
 */
export function quotaGrid(quotas: readonly QuotaView[], services: readonly string[], cities: readonly { code: string; name: string }[] = []): GridRow[] {
  const rows = new Map<string, GridRow>()
  const row = (code: string, name: string) => {
    let r = rows.get(code)
    if (!r) {
      r = { region_code: code, region_name: name, cells: Object.fromEntries(services.map((s) => [s, empty()])) }
      rows.set(code, r)
    }
    return r
  }
  for (const c of cities) row(c.code, c.name)
  for (const q of quotas) {
    const r = row(q.region_code, q.region_name)
    r.cells[q.service] = { id: q.id, target: q.target, collected: q.collected, valid: q.valid }
  }
  return [...rows.values()]
}

/** The services of the quotas not among `services` (a survey's services changed after the grid was set). */
export function extraServices(quotas: readonly QuotaView[], services: readonly string[]): string[] {
  const known = new Set(services)
  return [...new Set(quotas.map((q) => q.service).filter((s) => !known.has(s)))]
}

/** The grid as the server takes it: every cell with a target, and every existing one set to 0 (which removes it). */
export function gridCells(rows: readonly GridRow[]): QuotaCell[] {
  return rows.flatMap((r) =>
    Object.entries(r.cells)
      .filter(([, c]) => c.target > 0 || c.id !== null)
      .map(([service, c]) => ({ region_code: r.region_code, service, target: Math.max(0, Math.round(c.target || 0)) })),
  )
}

/** Sets the target of every cell, of one city's row or of one service's column. */
export function fill(rows: GridRow[], target: number, where: { region?: string; service?: string } = {}): void {
  const n = Math.max(0, Math.round(target))
  for (const r of rows) {
    if (where.region && r.region_code !== where.region) continue
    for (const [service, c] of Object.entries(r.cells)) if (!where.service || service === where.service) c.target = n
  }
}

export interface Totals {
  target: number
  collected: number
  valid: number
}

const sum = (cells: readonly GridCell[]): Totals =>
  cells.reduce((t, c) => ({ target: t.target + (c.target || 0), collected: t.collected + c.collected, valid: t.valid + c.valid }), { target: 0, collected: 0, valid: 0 })

export const rowTotals = (r: GridRow): Totals => sum(Object.values(r.cells))
export const columnTotals = (rows: readonly GridRow[], service: string): Totals => sum(rows.map((r) => r.cells[service]).filter(Boolean))
export const gridTotals = (rows: readonly GridRow[]): Totals => sum(rows.flatMap((r) => Object.values(r.cells)))

/** A cell that cannot go below what it collected (a target under it is allowed but flagged). */
export const shortOf = (c: GridCell): boolean => c.target > 0 && c.collected < c.target

/** The share of the target collected, 0–100 (rounded down, 100 at most; 0 without a target). */
export function progress(t: Pick<Totals, 'target' | 'collected'>): number {
  return t.target > 0 ? Math.min(100, Math.floor((t.collected / t.target) * 100)) : 0
}

/** Whether the targets differ from the quotas as read (unsaved changes). */
export function gridChanged(quotas: readonly QuotaView[], rows: readonly GridRow[]): boolean {
  const before = new Map(quotas.map((q) => [`${q.region_code}|${q.service}`, q.target]))
  for (const r of rows)
    for (const [service, c] of Object.entries(r.cells)) if ((before.get(`${r.region_code}|${service}`) ?? 0) !== (c.target || 0)) return true
  return false
}
