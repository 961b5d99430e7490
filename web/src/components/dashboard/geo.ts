/**
 * The Gansu prefecture boundaries (assets/geo, see its README) and the three areas under the
 * province drawn as markers. The GeoJSON is a hashed asset fetched on first use.
 */
import geoUrl from '@/assets/geo/gansu_prefectures.geojson?url'
import specialRegions from '@/assets/geo/special-regions.json'

export const PROVINCE_CODE = '620000'

export interface GeoFeature {
  type: 'Feature'
  id: string | number
  properties: { name: string; adcode?: number; cp?: [number, number] }
  geometry: unknown
}
export interface GeoCollection {
  type: 'FeatureCollection'
  features: GeoFeature[]
}

export interface SpecialRegion {
  code: string
  name: string
  name_en: string
  coord: [number, number]
}

export const SPECIAL_REGIONS = specialRegions as SpecialRegion[]

/**
 * A value of the map: a prefecture or a special area by its code (a row of the dashboard's
 * `RegionValue`s fits), named in Chinese and optionally in English.
 */
export interface MapValue {
  code: string
  name: string
  name_en?: string | null
  value: number
}

/** A value as the map shows it when no formatter is given: integers as they are, others with 2 decimals. */
export function formatMapValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2)
}

/** A feature's bounding box, [west, south, east, north] in degrees. */
export function featureBounds(f: GeoFeature): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return
    if (typeof c[0] === 'number') {
      const [x, y] = c as number[]
      b[0] = Math.min(b[0], x)
      b[1] = Math.min(b[1], y)
      b[2] = Math.max(b[2], x)
      b[3] = Math.max(b[3], y)
    } else c.forEach(visit)
  }
  visit((f.geometry as { coordinates?: unknown }).coordinates)
  return b
}

/** A feature's area in square degrees (the shoelace formula over its outer rings): small regions' labels move first. */
export function featureArea(f: GeoFeature): number {
  const geom = f.geometry as { type?: string; coordinates?: unknown }
  const polygons = (geom.type === 'Polygon' ? [geom.coordinates] : geom.type === 'MultiPolygon' ? geom.coordinates : []) as number[][][][]
  let area = 0
  for (const rings of polygons) {
    const ring = rings[0] ?? []
    let a = 0
    for (let i = 0; i < ring.length; i++) {
      const [x1, y1] = ring[i]
      const [x2, y2] = ring[(i + 1) % ring.length]
      a += x1 * y2 - x2 * y1
    }
    area += Math.abs(a) / 2
  }
  return area
}

let loading: Promise<GeoCollection> | null = null

export function loadGansuGeo(): Promise<GeoCollection> {
  loading ??= fetch(geoUrl).then((r) => {
    if (!r.ok) throw new Error(`GeoJSON ${r.status}`)
    return r.json() as Promise<GeoCollection>
  })
  return loading
}

/** The prefecture-level code a region code belongs to (a county's prefecture, a prefecture itself). */
export function prefectureOf(code: string): string {
  return /^\d{6}$/.test(code) ? `${code.slice(0, 4)}00` : code
}

/**
 * The boundary feature of a region, if it is (or lies in) one of the 14 prefectures; none for
 * the special areas (兰州新区's code lies in 兰州's block, but it is not 兰州).
 */
export function featureFor(geo: GeoCollection, code: string): GeoFeature | undefined {
  if (SPECIAL_REGIONS.some((s) => s.code === code)) return undefined
  const pref = prefectureOf(code)
  return geo.features.find((f) => String(f.id) === pref)
}

/** The marker of one of the special areas, matched by code when known, otherwise by name. */
export function specialFor(code: string, name: string): SpecialRegion | undefined {
  return SPECIAL_REGIONS.find((s) => s.code === code || s.name === name)
}

/**
 * Where a prefecture's label is anchored, in lon/lat: the GeoJSON's `cp` (the seat) except where
 * the seat lies at the edge of a large prefecture and the middle of its area reads better.
 */
const LABEL_POINTS: Record<string, [number, number]> = {
  '620900': [96.1, 40.3], // 酒泉: the seat is at the eastern end of a prefecture reaching 92°E
  '621100': [104.5, 35.2], // 定西: the seat is at its northern end, beside 兰州 and 临夏
  '623000': [102.6, 34.35], // 甘南: the seat (合作) is at its northern edge, beside 临夏
  '620400': [104.55, 36.85], // 白银: the seat is at its south-west tip, beside 兰州新区
  '620600': [102.95, 38.1], // 武威: the middle of its band, away from 金昌
  '620700': [100.0, 38.85], // 张掖: the middle of the corridor
}

export function labelPoint(f: GeoFeature): [number, number] | undefined {
  return LABEL_POINTS[String(f.id)] ?? f.properties.cp
}

/**
 * The label of a region on the map: the name without 市 or the ethnic part of an autonomous
 * prefecture's name (临夏回族自治州 → 临夏州, "Linxia Hui Autonomous Prefecture" → "Linxia");
 * other names (the special areas) unchanged. The tooltip keeps the full name.
 */
export function mapLabel(name: string): string {
  return name
    .replace(/^(\p{Script=Han}{2})\p{Script=Han}*自治州$/u, '$1州')
    .replace(/^(\p{Script=Han}{2,})市$/u, '$1')
    .replace(/^(.+?)\s+\S+\s+Autonomous Prefecture$/, '$1')
    .replace(/^(.+?)\s+City$/, '$1')
}

/** A rectangle in pixels: top-left corner and size. */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/** A label to place: its anchor point and its text's size, in pixels. */
export interface LabelBox {
  x: number
  y: number
  w: number
  h: number
  /** A marker's label sits beside its dot (of this radius), never on it; a region's may sit on its anchor. */
  marker?: number
  /** Labels of a higher priority keep their best place; lower ones move out of their way (default 0). */
  priority?: number
  /** A region too small to hold its label: the label goes beside it, with a leader line. */
  outside?: boolean
}

/** Where a label went; `detached` when it is away from its anchor and wants a leader line. */
export interface PlacedLabel extends Rect {
  detached: boolean
}

interface Candidate extends PlacedLabel {
  cost: number
}

// Preferred directions first: right, left, above, below, then the corners.
const DIRECTIONS: [number, number][] = [[1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [-1, -1], [1, 1], [-1, 1]]
const GAPS = [2, 6, 12, 20, 30, 42, 56, 72]
// Small moves of a region's label off its anchor that still read as "on the region".
const NUDGES: [number, number][] = [[0, -5], [0, 5], [-8, 0], [8, 0], [0, -10], [0, 10], [-14, 0], [14, 0]]

function candidates(b: LabelBox): Candidate[] {
  const out: Candidate[] = []
  const centred = { x: b.x - b.w / 2, y: b.y - b.h / 2, w: b.w, h: b.h }
  if (b.marker === undefined && !b.outside) {
    out.push({ ...centred, detached: false, cost: 0 })
    for (const [i, [dx, dy]] of NUDGES.entries()) out.push({ ...centred, x: centred.x + dx, y: centred.y + dy, detached: false, cost: 4 + i })
  }
  const r = b.marker ?? 0
  for (const [gi, g] of GAPS.entries()) {
    for (const [di, [ux, uy]] of DIRECTIONS.entries()) {
      const gap = g + r
      const cx = b.x + ux * (b.w / 2 + gap)
      const cy = b.y + uy * (b.h / 2 + (uy !== 0 && ux !== 0 ? g : gap))
      // A marker's label right beside its dot needs no line; a region's moved label does.
      const detached = b.marker === undefined || gi > 1
      out.push({ x: cx - b.w / 2, y: cy - b.h / 2, w: b.w, h: b.h, detached, cost: 20 + g * 2 + di })
    }
  }
  return out
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, w: r.w + 2 * by, h: r.h + 2 * by }
}

/** The point of a rectangle nearest to a point (the end of a leader line). */
export function nearestPoint(r: Rect, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, r.x), r.x + r.w), Math.min(Math.max(y, r.y), r.y + r.h)]
}

/** Whether the segment from a to b crosses the rectangle (Liang–Barsky clipping). */
function segmentHits(a: [number, number], b: [number, number], r: Rect): boolean {
  let t0 = 0
  let t1 = 1
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const edges: [number, number][] = [[-dx, a[0] - r.x], [dx, r.x + r.w - a[0]], [-dy, a[1] - r.y], [dy, r.y + r.h - a[1]]]
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false
      continue
    }
    const t = q / p
    if (p < 0) t0 = Math.max(t0, t)
    else t1 = Math.min(t1, t)
    if (t0 > t1) return false
  }
  return true
}

/**
 * Places labels so that none overlaps another, an obstacle (a marker's dot, the legend) or the
 * edge of the `bounds` (chart size): each label takes the cheapest of its candidate positions
 * (on its anchor, nudged, then further and further away in eight directions, with a leader line),
 * repeatedly given the others' current places, until nothing moves. `padding` is kept between
 * labels. Where two labels want the same place, the one of lower `priority` moves. Returns one
 * placement per label, in the order given.
 */
export function placeLabels(boxes: LabelBox[], bounds: { width: number; height: number }, obstacles: Rect[] = [], padding = 2): PlacedLabel[] {
  const options = boxes.map(candidates)
  const choice = options.map(() => 0)
  const anchors = boxes.map((b) => ({ x: b.x - 2, y: b.y - 2, w: 4, h: 4 }))
  const costOf = (i: number, c: Candidate): number => {
    let cost = c.cost
    const padded = grow(c, padding)
    const outside = c.w * c.h - overlap(c, { x: 1, y: 1, w: bounds.width - 2, h: bounds.height - 2 })
    if (outside > 0) cost += 1e6 + outside
    for (const o of obstacles) if (overlap(padded, o) > 0) cost += 1e5 + overlap(padded, o)
    const line: [[number, number], [number, number]] | null = c.detached ? [[boxes[i].x, boxes[i].y], nearestPoint(c, boxes[i].x, boxes[i].y)] : null
    for (let j = 0; j < boxes.length; j++) {
      if (j === i) continue
      const other = options[j][choice[j]]
      const o = overlap(padded, other)
      if (o > 0) cost += 1e6 + o * 100
      // Another label's anchor (its dot, or the middle of its region) stays uncovered; leader lines cross no label.
      if (overlap(c, anchors[j]) > 0) cost += 2e3
      if (line && segmentHits(line[0], line[1], other)) cost += 5e3
      if (other.detached && segmentHits([boxes[j].x, boxes[j].y], nearestPoint(other, boxes[j].x, boxes[j].y), c)) cost += 5e3
    }
    return cost
  }
  // The first to be moved out of a conflict is the first visited: the lowest priority.
  const order = boxes.map((_, i) => i).sort((a, b) => (boxes[a].priority ?? 0) - (boxes[b].priority ?? 0) || a - b)
  for (let pass = 0; pass < 30; pass++) {
    let moved = false
    for (const i of order) {
      let best = choice[i]
      let bestCost = costOf(i, options[i][best])
      for (let k = 0; k < options[i].length; k++) {
        const cost = costOf(i, options[i][k])
        if (cost < bestCost) {
          best = k
          bestCost = cost
        }
      }
      if (best !== choice[i]) {
        choice[i] = best
        moved = true
      }
    }
    if (!moved) break
  }
  return options.map((o, i) => {
    const { x, y, w, h, detached } = o[choice[i]]
    return { x, y, w, h, detached }
  })
}
