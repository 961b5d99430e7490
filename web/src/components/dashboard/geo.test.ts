import { describe, expect, it } from 'vitest'
import { featureArea, featureBounds, formatMapValue, labelPoint, mapLabel, nearestPoint, placeLabels, type GeoFeature, type LabelBox, type PlacedLabel, type Rect } from './geo'

const intersects = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
const overlapping = (rects: Rect[]) => {
  const pairs: [number, number][] = []
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) if (intersects(rects[i], rects[j])) pairs.push([i, j])
  return pairs
}
const contains = (r: Rect, x: number, y: number) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h
const centred = (p: PlacedLabel, b: LabelBox) => Math.abs(p.x + p.w / 2 - b.x) < 1e-9 && Math.abs(p.y + p.h / 2 - b.y) < 1e-9

const square = (id: string, name: string, x0: number, y0: number, size: number, cp?: [number, number]): GeoFeature => ({
  type: 'Feature',
  id,
  properties: { name, cp },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + size, y0], [x0 + size, y0 + size], [x0, y0 + size], [x0, y0]]] },
})

describe('map labels', () => {
  it('shortens prefecture names in both languages and keeps the special areas whole', () => {
    expect(mapLabel('兰州市')).toBe('兰州')
    expect(mapLabel('嘉峪关市')).toBe('嘉峪关')
    expect(mapLabel('临夏回族自治州')).toBe('临夏州')
    expect(mapLabel('甘南藏族自治州')).toBe('甘南州')
    expect(mapLabel('Linxia Hui Autonomous Prefecture')).toBe('Linxia')
    expect(mapLabel('Gannan Tibetan Autonomous Prefecture')).toBe('Gannan')
    expect(mapLabel('Jiayuguan')).toBe('Jiayuguan')
    expect(mapLabel('兰州新区')).toBe('兰州新区')
    expect(mapLabel('Lanzhou New Area')).toBe('Lanzhou New Area')
  })

  it('formats counts as they are and other values with 2 decimals', () => {
    expect(formatMapValue(12)).toBe('12')
    expect(formatMapValue(0)).toBe('0')
    expect(formatMapValue(87.456)).toBe('87.46')
    expect(formatMapValue(90.5)).toBe('90.50')
  })

  it('anchors labels at the seat unless the middle of the prefecture reads better', () => {
    expect(labelPoint(square('620100', '兰州市', 103, 36, 1, [103.82, 36.06]))).toEqual([103.82, 36.06])
    // 酒泉's seat is at its eastern end; the label goes to the middle of its area.
    const [lon] = labelPoint(square('620900', '酒泉市', 92, 38, 8, [98.51, 39.74]))!
    expect(lon).toBeLessThan(97)
    expect(labelPoint(square('629999', 'x', 0, 0, 1))).toBeUndefined()
  })

  it('measures a feature’s box and area', () => {
    const f = square('1', 'a', 100, 30, 2)
    expect(featureBounds(f)).toEqual([100, 30, 102, 32])
    expect(featureArea(f)).toBeCloseTo(4)
    const multi: GeoFeature = { ...f, geometry: { type: 'MultiPolygon', coordinates: [f.geometry, square('2', 'b', 0, 0, 1).geometry].map((g) => (g as { coordinates: unknown }).coordinates) } }
    expect(featureArea(multi)).toBeCloseTo(5)
  })

  it('finds the end of a leader line on a label', () => {
    expect(nearestPoint({ x: 10, y: 10, w: 20, h: 10 }, 0, 15)).toEqual([10, 15])
    expect(nearestPoint({ x: 10, y: 10, w: 20, h: 10 }, 40, 0)).toEqual([30, 10])
    expect(nearestPoint({ x: 10, y: 10, w: 20, h: 10 }, 15, 15)).toEqual([15, 15])
  })
})

describe('placeLabels', () => {
  const bounds = { width: 600, height: 500 }

  it('leaves a lone label on its anchor', () => {
    const b = { x: 300, y: 200, w: 40, h: 16 }
    const [p] = placeLabels([b], bounds)
    expect(centred(p, b)).toBe(true)
    expect(p.detached).toBe(false)
  })

  it('moves the smaller region’s label out of the larger one’s way (嘉峪关 beside 酒泉)', () => {
    // Their seats 8 px apart, as at 35 px a degree.
    const jiuquan = { x: 300, y: 200, w: 26, h: 17, priority: 17.8 }
    const jiayuguan = { x: 292, y: 198, w: 39, h: 17, priority: 0.13 }
    const [pj, pg] = placeLabels([jiuquan, jiayuguan], bounds)
    expect(intersects(pj, pg)).toBe(false)
    // 酒泉's stays on its region (nudged off 嘉峪关's anchor at most); 嘉峪关's moves beside, with a line.
    expect(pj.detached).toBe(false)
    expect(contains(pj, jiayuguan.x, jiayuguan.y)).toBe(false)
    expect(pg.detached).toBe(true)
  })

  it('puts the label of a region too small for it beside it, with a leader line', () => {
    const b = { x: 300, y: 200, w: 39, h: 17, outside: true }
    const [p] = placeLabels([b], bounds)
    expect(p.detached).toBe(true)
    expect(contains(p, b.x, b.y)).toBe(false)
  })

  it('keeps a marker’s label off its dot, beside it', () => {
    const b = { x: 300, y: 200, w: 50, h: 17, marker: 6 }
    const [p] = placeLabels([b], bounds, [{ x: 293, y: 193, w: 14, h: 14 }])
    expect(intersects(p, { x: 294, y: 194, w: 12, h: 12 })).toBe(false)
    expect(p.detached).toBe(false)
    expect(Math.hypot(p.x + p.w / 2 - b.x, p.y + p.h / 2 - b.y)).toBeLessThan(40)
  })

  it('keeps labels inside the chart and off the obstacles', () => {
    const edge = { x: 595, y: 4, w: 60, h: 17 }
    const legend = { x: 0, y: 300, w: 90, h: 200 }
    const nearLegend = { x: 80, y: 400, w: 60, h: 17 }
    const [p, q] = placeLabels([edge, nearLegend], bounds, [legend])
    for (const r of [p, q]) {
      expect(r.x).toBeGreaterThanOrEqual(0)
      expect(r.y).toBeGreaterThanOrEqual(0)
      expect(r.x + r.w).toBeLessThanOrEqual(bounds.width)
      expect(r.y + r.h).toBeLessThanOrEqual(bounds.height)
      expect(intersects(r, legend)).toBe(false)
    }
  })

  it('separates a crowd of labels', () => {
    // A deterministic cluster: 17 labels (3 of them markers) within 160 × 120 px.
    let seed = 7
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
    const boxes: LabelBox[] = Array.from({ length: 17 }, (_, i) => ({
      x: 220 + rnd() * 160,
      y: 190 + rnd() * 120,
      w: 24 + rnd() * 80,
      h: 17,
      priority: i < 3 ? Infinity : rnd() * 10,
      ...(i < 3 ? { marker: 6 } : {}),
    }))
    const placed = placeLabels(boxes, bounds, [], 2)
    expect(placed).toHaveLength(17)
    expect(overlapping(placed)).toEqual([])
  })
})
