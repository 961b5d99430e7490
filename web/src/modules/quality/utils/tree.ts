/**
 * A framework's tree as the editor holds it: the root (the index), dimensions and sub-dimensions,
 * catalogue indicators as leaves, each with a weight among its siblings. Edits change the tree in
 * place; `nodeInputs` writes it back as the server takes it (root first, each node before its
 * children, in the order shown).
 */
import type { NodeInput, NodeView } from '../api'
import { fieldMessage } from './fieldMessage'

export interface EditNode {
  /** Stable row key of the editor (codes of new dimensions change while typed). */
  key: string
  code: string
  name: string
  weight: number
  /** A leaf: the catalogue indicator of this code. */
  indicator: boolean
  unit?: string | null
  children: EditNode[]
}

let seq = 0
const newKey = () => `n${++seq}`

export function editNode(fields: Omit<EditNode, 'key' | 'children'> & { children?: EditNode[] }): EditNode {
  return { key: newKey(), children: [], ...fields }
}

/** The tree of a framework's nodes (root first, parents before children); null without a root. */
export function treeOf(nodes: readonly NodeView[]): EditNode | null {
  const byCode = new Map<string, EditNode>()
  let root: EditNode | null = null
  for (const n of nodes) byCode.set(n.code, editNode({ code: n.code, name: n.name, weight: n.weight, indicator: n.indicator_id != null, unit: n.unit }))
  for (const n of nodes) {
    const node = byCode.get(n.code)!
    const parent = n.parent_code ? byCode.get(n.parent_code) : undefined
    if (parent) parent.children.push(node)
    else if (!root && !node.indicator) root = node
  }
  return root
}

/** Every node, each before its children (the order the server stores and the errors count in). */
export function flatten(root: EditNode): EditNode[] {
  return [root, ...root.children.flatMap(flatten)]
}

export function nodeInputs(root: EditNode): NodeInput[] {
  const out: NodeInput[] = []
  const walk = (n: EditNode, parent: string | null) => {
    out.push({ code: n.code.trim(), name: n.indicator ? '' : n.name.trim(), parent_code: parent, weight: n.weight, indicator: n.indicator })
    for (const c of n.children) walk(c, n.code.trim())
  }
  walk(root, null)
  return out
}

export function findNode(root: EditNode, key: string): EditNode | null {
  return flatten(root).find((n) => n.key === key) ?? null
}

export function parentOf(root: EditNode, key: string): EditNode | null {
  return flatten(root).find((n) => n.children.some((c) => c.key === key)) ?? null
}

/** Adds a node under a dimension (not under an indicator). */
export function addChild(root: EditNode, parentKey: string, child: EditNode): boolean {
  const parent = findNode(root, parentKey)
  if (!parent || parent.indicator) return false
  parent.children.push(child)
  return true
}

/** Removes a node with its subtree (never the root). */
export function removeNode(root: EditNode, key: string): boolean {
  const parent = parentOf(root, key)
  if (!parent) return false
  parent.children = parent.children.filter((c) => c.key !== key)
  return true
}

/** Moves a node up (−1) or down (+1) among its siblings. */
export function moveBy(root: EditNode, key: string, delta: -1 | 1): boolean {
  const parent = parentOf(root, key)
  if (!parent) return false
  const i = parent.children.findIndex((c) => c.key === key)
  const j = i + delta
  if (j < 0 || j >= parent.children.length) return false
  const kids = [...parent.children]
  ;[kids[i], kids[j]] = [kids[j], kids[i]]
  parent.children = kids
  return true
}

/** The dimensions a node may move under: not itself, nor below itself, nor its parent now. */
export function moveTargets(root: EditNode, key: string): EditNode[] {
  const node = findNode(root, key)
  const parent = parentOf(root, key)
  if (!node || !parent) return []
  const below = new Set(flatten(node).map((n) => n.key))
  return flatten(root).filter((n) => !n.indicator && !below.has(n.key) && n.key !== parent.key)
}

/** Moves a node (with its subtree) to the end of another dimension's children. */
export function moveTo(root: EditNode, key: string, parentKey: string): boolean {
  const node = findNode(root, key)
  if (!node || !moveTargets(root, key).some((t) => t.key === parentKey)) return false
  removeNode(root, key)
  return addChild(root, parentKey, node)
}

/** Each node's weight as a share of its siblings' (1 for the root; 0 when they weigh nothing). */
export function siblingShares(root: EditNode): Map<string, number> {
  const out = new Map<string, number>([[root.key, 1]])
  for (const n of flatten(root)) {
    const sum = n.children.reduce((s, c) => s + (Number.isFinite(c.weight) && c.weight > 0 ? c.weight : 0), 0)
    for (const c of n.children) out.set(c.key, sum > 0 && c.weight > 0 ? c.weight / sum : 0)
  }
  return out
}

/** The indicator codes already in the tree (each may be used once). */
export function usedIndicators(root: EditNode): Set<string> {
  return new Set(flatten(root).filter((n) => n.indicator).map((n) => n.code))
}

/** A dimension code not yet taken: D1, D2, … */
export function nextDimensionCode(root: EditNode, prefix = 'D'): string {
  const taken = new Set(flatten(root).map((n) => n.code))
  let i = 1
  while (taken.has(`${prefix}${i}`)) i++
  return `${prefix}${i}`
}

/**
 * The server's errors on nodes (`nodes[k].code`, counted in `nodeInputs` order) by row key; other
 * fields (the engine's verdict on `nodes`, the method's fields) are left to the caller.
 */
export function nodeErrors(root: EditNode, fields: Record<string, string>): Record<string, string> {
  const rows = flatten(root)
  const out: Record<string, string> = {}
  for (const [field, message] of Object.entries(fields)) {
    const m = /^nodes\[(\d+)\]\.\w+$/.exec(field)
    const row = m ? rows[Number(m[1])] : undefined
    if (row && !(row.key in out)) out[row.key] = fieldMessage(field, message)
  }
  return out
}
