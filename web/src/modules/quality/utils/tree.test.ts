import { describe, expect, it } from 'vitest'
import type { NodeView } from '../api'
import { addChild, editNode, findNode, flatten, moveBy, moveTargets, moveTo, nextDimensionCode, nodeErrors, nodeInputs, parentOf, removeNode, siblingShares, treeOf, usedIndicators } from './tree'

const view = (code: string, parent: string | null, weight = 1, indicator = false): NodeView => ({ code, name: `名${code}`, parent_code: parent, weight, indicator_id: indicator ? 7 : null, unit: indicator ? '%' : null })

// The API test's framework: R → D1 (xa, xb ×2), D2 (xc).
const nodes = [view('R', null), view('D1', 'R'), view('D2', 'R'), view('xa', 'D1', 1, true), view('xb', 'D1', 2, true), view('xc', 'D2', 1, true)]
const codes = (root: ReturnType<typeof treeOf>) => (root ? flatten(root).map((n) => n.code) : [])
const key = (root: NonNullable<ReturnType<typeof treeOf>>, code: string) => flatten(root).find((n) => n.code === code)!.key

describe('the framework tree', () => {
  it('is built from the nodes and written back in the same order', () => {
    const root = treeOf(nodes)!
    expect(root.code).toBe('R')
    expect(codes(root)).toEqual(['R', 'D1', 'xa', 'xb', 'D2', 'xc'])
    expect(nodeInputs(root)).toEqual([
      { code: 'R', name: '名R', parent_code: null, weight: 1, indicator: false },
      { code: 'D1', name: '名D1', parent_code: 'R', weight: 1, indicator: false },
      { code: 'xa', name: '', parent_code: 'D1', weight: 1, indicator: true },
      { code: 'xb', name: '', parent_code: 'D1', weight: 2, indicator: true },
      { code: 'D2', name: '名D2', parent_code: 'R', weight: 1, indicator: false },
      { code: 'xc', name: '', parent_code: 'D2', weight: 1, indicator: true },
    ])
    expect(treeOf([])).toBeNull()
  })

  it('shows each node’s share of its siblings', () => {
    const root = treeOf(nodes)!
    const shares = siblingShares(root)
    expect(shares.get(root.key)).toBe(1)
    expect(shares.get(key(root, 'xa'))).toBeCloseTo(1 / 3)
    expect(shares.get(key(root, 'xb'))).toBeCloseTo(2 / 3)
    expect(shares.get(key(root, 'xc'))).toBe(1)
    findNode(root, key(root, 'xa'))!.weight = 0
    findNode(root, key(root, 'xb'))!.weight = 0
    expect(siblingShares(root).get(key(root, 'xb'))).toBe(0)
  })

  it('adds, removes and moves nodes', () => {
    const root = treeOf(nodes)!
    const d3 = editNode({ code: nextDimensionCode(root), name: '维度三', weight: 1, indicator: false })
    expect(d3.code).toBe('D3')
    expect(addChild(root, root.key, d3)).toBe(true)
    expect(addChild(root, key(root, 'xa'), editNode({ code: 'z', name: '', weight: 1, indicator: true }))).toBe(false)
    expect(moveBy(root, key(root, 'xb'), -1)).toBe(true)
    expect(moveBy(root, key(root, 'xb'), -1)).toBe(false)
    expect(codes(root)).toEqual(['R', 'D1', 'xb', 'xa', 'D2', 'xc', 'D3'])
    // Not into itself or below itself, nor where it already is.
    expect(moveTargets(root, key(root, 'D1')).map((n) => n.code)).toEqual(['D2', 'D3'])
    expect(moveTo(root, key(root, 'D1'), key(root, 'xa'))).toBe(false)
    expect(moveTo(root, key(root, 'xc'), d3.key)).toBe(true)
    expect(parentOf(root, key(root, 'xc'))?.code).toBe('D3')
    expect(removeNode(root, key(root, 'D1'))).toBe(true)
    expect(removeNode(root, root.key)).toBe(false)
    expect(codes(root)).toEqual(['R', 'D2', 'D3', 'xc'])
    expect([...usedIndicators(root)]).toEqual(['xc'])
  })

  it('puts the server’s node errors on their rows', () => {
    const root = treeOf(nodes)!
    expect(nodeErrors(root, { 'nodes[3].weight': 'must be ≥ 0', nodes: 'engine', name: 'x' })).toEqual({ [key(root, 'xb')]: 'must be ≥ 0' })
  })
})
