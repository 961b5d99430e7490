/**
 * The questionnaire editor's model: constructs with their items, the paths between constructs and
 * the target construct, edited in place (keys for the lists), checked before it is sent (the
 * server and the PLS engine check it again; their errors name the field, `paths[2].to`), and laid
 * out as a path diagram.
 */
import type { Construct, PathLink, SurveyItem } from '../api'

/** An item being edited (`key`: stable across reordering; the English text always a string). */
export interface EditItem extends Omit<SurveyItem, 'text_en'> {
  key: number
  text_en: string
}
export interface EditConstruct extends Omit<Construct, 'items' | 'name_en'> {
  key: number
  name_en: string
  items: EditItem[]
}
export interface EditPath extends PathLink {
  key: number
}

let seq = 0
const nextKey = () => ++seq

export function editConstructs(constructs: readonly Construct[]): EditConstruct[] {
  return constructs.map((c) => ({ ...c, name_en: c.name_en ?? '', key: nextKey(), items: c.items.map((i) => ({ ...i, text_en: i.text_en ?? '', key: nextKey() })) }))
}

export function editPaths(paths: readonly PathLink[]): EditPath[] {
  return paths.map((p) => ({ ...p, key: nextKey() }))
}

/** The constructs as the server takes them. */
export function constructInputs(constructs: readonly EditConstruct[]): Construct[] {
  return constructs.map((c) => ({ code: c.code.trim(), name: c.name.trim(), name_en: c.name_en.trim(), items: c.items.map((i) => ({ code: i.code.trim(), text: i.text.trim(), text_en: i.text_en.trim() })) }))
}

export function pathInputs(paths: readonly EditPath[]): PathLink[] {
  return paths.map((p) => ({ from: p.from, to: p.to }))
}

/** `prefix` followed by the first number from 1 that makes a code none of `taken` is. */
export function nextCode(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  let n = 1
  while (used.has(`${prefix}${n}`)) n += 1
  return `${prefix}${n}`
}

/** Every item code of the model. */
export function itemCodes(constructs: readonly { items: readonly { code: string }[] }[]): string[] {
  return constructs.flatMap((c) => c.items.map((i) => i.code))
}

export function blankConstruct(constructs: readonly EditConstruct[]): EditConstruct {
  return { key: nextKey(), code: nextCode('C', constructs.map((c) => c.code)), name: '', name_en: '', items: [] }
}

/** A new item of `c`, coded after the construct (`PQ4`), unique in the whole model. */
export function blankItem(c: EditConstruct, constructs: readonly EditConstruct[]): EditItem {
  return { key: nextKey(), code: nextCode(c.code || 'Q', itemCodes(constructs)), text: '', text_en: '' }
}

export function blankPath(): EditPath {
  return { key: nextKey(), from: '', to: '' }
}

/** Moves `list[i]` by `delta` places (−1 up, +1 down), in place; nothing past either end. */
export function move<T>(list: T[], i: number, delta: number): void {
  const j = i + delta
  if (i < 0 || i >= list.length || j < 0 || j >= list.length) return
  const [x] = list.splice(i, 1)
  list.splice(j, 0, x)
}

/** A construct's code changed: its paths and the target follow it. */
export function renameConstruct(paths: EditPath[], target: string, from: string, to: string): string {
  if (!from || from === to) return target
  for (const p of paths) {
    if (p.from === from) p.from = to
    if (p.to === from) p.to = to
  }
  return target === from ? to : target
}

/** A construct removed: its paths go with it, and the target if it was. */
export function dropConstruct(paths: EditPath[], target: string, code: string): { paths: EditPath[]; target: string } {
  return { paths: paths.filter((p) => p.from !== code && p.to !== code), target: target === code ? '' : target }
}

/** A code as the engine takes it: a letter first, then letters, digits or `_` (an item's: a column of the data, 32 at most). */
export const CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
/** A construct's code: 16 characters at most. */
export const CONSTRUCT_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,15}$/
/** The data's grouping columns, which no item may be named (surveys.rs `GROUP_COLUMNS`). */
export const GROUP_COLUMNS: readonly string[] = ['region', 'service', 'field', 'cell']
/** The server's limits of a model (surveys.rs `check`). */
export const LIMITS = { constructs: [2, 12], items: [1, 12], maxMissing: 0.5, minSeconds: 3600, itemText: 300, constructName: 50 } as const

/** A problem at a field of the input (`constructs[1].items[0].code`), with the key of its text. */
export interface ModelProblem {
  field: string
  key: string
  params?: Record<string, string | number>
}

export interface ModelInput {
  scale_min: number
  scale_max: number
  max_missing: number
  min_seconds: number
  target: string
  services: readonly string[]
  constructs: readonly Construct[]
  paths: readonly PathLink[]
}

/** Constructs reached from `from` along the paths. */
function reaches(paths: readonly PathLink[], from: string): Set<string> {
  const seen = new Set<string>()
  const todo = [from]
  while (todo.length) {
    const here = todo.pop()!
    for (const p of paths) if (p.from === here && !seen.has(p.to)) {
      seen.add(p.to)
      todo.push(p.to)
    }
  }
  return seen
}

/**
 * What the PLS engine would refuse, as far as the console can tell: codes (unique, engine-safe),
 * names and item texts, a construct without items, paths between known constructs, without
 * duplicates, loops or cycles, the target, the scale and the thresholds, and at least one service.
 */
export function modelProblems(m: ModelInput): ModelProblem[] {
  const out: ModelProblem[] = []
  const add = (field: string, key: string, params?: Record<string, string | number>) => out.push({ field, key, params })
  if (!(Number.isInteger(m.scale_min) && Number.isInteger(m.scale_max) && m.scale_min < m.scale_max)) add('scale_max', 'scale')
  if (!(m.max_missing >= 0 && m.max_missing <= LIMITS.maxMissing)) add('max_missing', 'maxMissing', { max: LIMITS.maxMissing * 100 })
  if (!(Number.isInteger(m.min_seconds) && m.min_seconds >= 0 && m.min_seconds <= LIMITS.minSeconds)) add('min_seconds', 'minSeconds', { max: LIMITS.minSeconds })
  if (m.services.length === 0) add('services', 'noServices')
  if (m.constructs.length < LIMITS.constructs[0] || m.constructs.length > LIMITS.constructs[1]) add('constructs', 'constructCount', { min: LIMITS.constructs[0], max: LIMITS.constructs[1] })
  const constructCodes = new Set<string>()
  const itemSeen = new Set<string>()
  m.constructs.forEach((c, i) => {
    const at = `constructs[${i}]`
    if (!CONSTRUCT_CODE_PATTERN.test(c.code)) add(`${at}.code`, 'code', { max: 16 })
    else if (constructCodes.has(c.code)) add(`${at}.code`, 'duplicate', { code: c.code })
    constructCodes.add(c.code)
    if (!c.name.trim()) add(`${at}.name`, 'name')
    if (c.items.length === 0) add(`${at}.items`, 'noItems', { code: c.code })
    else if (c.items.length > LIMITS.items[1]) add(`${at}.items`, 'manyItems', { code: c.code, max: LIMITS.items[1] })
    c.items.forEach((item, j) => {
      const here = `${at}.items[${j}]`
      if (!CODE_PATTERN.test(item.code)) add(`${here}.code`, 'code', { max: 32 })
      else if (GROUP_COLUMNS.includes(item.code)) add(`${here}.code`, 'reserved', { code: item.code })
      else if (itemSeen.has(item.code) || constructCodes.has(item.code)) add(`${here}.code`, 'duplicate', { code: item.code })
      itemSeen.add(item.code)
      if (!item.text.trim()) add(`${here}.text`, 'text')
    })
  })
  const pathSeen = new Set<string>()
  m.paths.forEach((p, i) => {
    const at = `paths[${i}]`
    if (!constructCodes.has(p.from)) add(`${at}.from`, 'unknownConstruct')
    if (!constructCodes.has(p.to)) add(`${at}.to`, 'unknownConstruct')
    if (p.from && p.from === p.to) add(`${at}.to`, 'selfPath')
    const pair = `${p.from}>${p.to}`
    if (pathSeen.has(pair)) add(`${at}.to`, 'duplicatePath')
    pathSeen.add(pair)
  })
  if (m.paths.length === 0) add('paths', 'noPaths')
  else {
    const cyclic = m.paths.findIndex((p) => p.from !== p.to && reaches(m.paths, p.to).has(p.from))
    if (cyclic >= 0) add(`paths[${cyclic}].to`, 'cycle')
  }
  if (!constructCodes.has(m.target)) add('target', 'target')
  else if (!m.paths.some((p) => p.to === m.target)) add('target', 'targetEndogenous')
  return out
}

/** The problems by field (the first of each), for the editor's inline messages. */
export function problemsByField(problems: readonly ModelProblem[]): Record<string, ModelProblem> {
  const out: Record<string, ModelProblem> = {}
  for (const p of problems) out[p.field] ??= p
  return out
}

/**
 * The layer of each construct: the longest chain of paths leading to it (0 for an exogenous
 * one), so that every path points rightwards; constructs on a cycle stay where the chain reached.
 */
export function layers(codes: readonly string[], paths: readonly PathLink[]): Map<string, number> {
  const depth = new Map(codes.map((c) => [c, 0]))
  const known = paths.filter((p) => depth.has(p.from) && depth.has(p.to) && p.from !== p.to)
  for (let round = 0; round < codes.length; round++) {
    let changed = false
    for (const p of known) {
      const d = depth.get(p.from)! + 1
      if (d > depth.get(p.to)! && d < codes.length) {
        depth.set(p.to, d)
        changed = true
      }
    }
    if (!changed) break
  }
  return depth
}

/** Where each construct sits in the diagram (x by layer, y spread within the layer), in a 0–100 box. */
export function diagramPositions(codes: readonly string[], paths: readonly PathLink[]): Map<string, { x: number; y: number }> {
  const depth = layers(codes, paths)
  const maxDepth = Math.max(0, ...depth.values())
  const byLayer = new Map<number, string[]>()
  for (const c of codes) byLayer.set(depth.get(c)!, [...(byLayer.get(depth.get(c)!) ?? []), c])
  const out = new Map<string, { x: number; y: number }>()
  for (const [d, members] of byLayer)
    members.forEach((c, i) => out.set(c, { x: maxDepth === 0 ? 50 : (d / maxDepth) * 100, y: ((i + 1) / (members.length + 1)) * 100 }))
  return out
}

/** The path model as an ECharts graph: constructs as nodes (the target highlighted), paths as arrows. */
export function pathDiagramOption(constructs: readonly { code: string; label: string }[], paths: readonly PathLink[], target: string): Record<string, unknown> {
  const codes = constructs.map((c) => c.code).filter((c, i, all) => c && all.indexOf(c) === i)
  const at = diagramPositions(codes, paths)
  const label = new Map(constructs.map((c) => [c.code, c.label]))
  return {
    tooltip: { show: false },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: false,
        symbol: 'roundRect',
        symbolSize: [92, 36],
        left: 60,
        right: 60,
        top: 30,
        bottom: 30,
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 9,
        label: { show: true, fontSize: 12, color: '#303133', formatter: (p: { data: { code: string; text: string } }) => `${p.data.text}\n${p.data.code}` },
        lineStyle: { color: '#909399', width: 1.5, curveness: 0.08 },
        data: codes.map((code) => ({
          name: code,
          code,
          text: label.get(code) || code,
          x: at.get(code)!.x,
          y: at.get(code)!.y,
          itemStyle: code === target ? { color: '#fdf6ec', borderColor: '#e6a23c', borderWidth: 2 } : { color: '#ecf5ff', borderColor: '#409eff', borderWidth: 1 },
        })),
        links: paths.filter((p) => at.has(p.from) && at.has(p.to) && p.from !== p.to).map((p) => ({ source: p.from, target: p.to })),
      },
    ],
  }
}
