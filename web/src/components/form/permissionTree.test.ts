import { describe, expect, it } from 'vitest'
import type { PermissionGroup } from '@/api/types'
import { coveredLeaves, grantsAfterEdit, leafCodes, permissionTreeNodes } from './permissionTree'

const groups: PermissionGroup[] = [
  { code: 'system:user', label: '用户', label_en: 'Users', permissions: [{ code: 'system:user:list', label: '查询', label_en: 'List' }, { code: 'system:user:create', label: '新增', label_en: 'Create' }] },
  { code: 'system:role', label: '角色', label_en: 'Roles', permissions: [{ code: 'system:role:list', label: '查询', label_en: 'List' }] },
]
const leaves = leafCodes(groups)

describe('permission tree', () => {
  it('is a two-level tree of the catalogue', () => {
    const nodes = permissionTreeNodes(groups)
    expect(nodes.map((n) => n.key)).toEqual(['group:system:user', 'group:system:role'])
    expect(nodes[0].children?.map((c) => c.key)).toEqual(['system:user:list', 'system:user:create'])
  })

  it('checks every leaf a wildcard covers', () => {
    expect(coveredLeaves(['*:*:*'], leaves)).toEqual(leaves)
    expect(coveredLeaves(['system:user:*'], leaves)).toEqual(['system:user:list', 'system:user:create'])
    expect(coveredLeaves(['plan:task:list'], leaves)).toEqual([])
  })

  it('keeps wildcards when the coverage did not change', () => {
    expect(grantsAfterEdit(['*:*:*'], [...leaves], leaves)).toEqual(['*:*:*'])
    expect(grantsAfterEdit(['system:user:*', 'plan:task:list'], ['system:user:create', 'system:user:list'], leaves)).toEqual(['system:user:*', 'plan:task:list'])
  })

  it('spells out the leaves after a change, keeping grants the tree cannot show', () => {
    expect(grantsAfterEdit(['*:*:*'], ['system:user:list'], leaves)).toEqual(['system:user:list'])
    expect(grantsAfterEdit(['system:user:*', 'plan:task:list'], ['system:user:list', 'system:role:list'], leaves)).toEqual(['plan:task:list', 'system:user:list', 'system:role:list'])
  })
})
