import { describe, expect, it } from 'vitest'
import { claimLines, claimsBody, missingClaims } from './evaluations'

const file = { id: 7, name: 'a.pdf', size: 10, mime: 'application/pdf', sha256: '', created_at: '2026-01-01T00:00:00Z' }
const items = [
  { indicator_id: 1, code: '1.1', points: 5, claimed: 4.5, statement: '已完成', attachments: [file] },
  { indicator_id: 2, code: '1.2', points: 3, claimed: null, statement: null, attachments: [] },
]

describe('the self-evaluation form', () => {
  it('reads the items into lines and back into a body', () => {
    const lines = claimLines(items)
    expect(lines[1]).toEqual({ indicator_id: 2, code: '1.2', points: 3, claimed: null, statement: '', attachments: [] })
    lines[0].statement = '  已完成 '
    expect(claimsBody(lines)).toEqual([
      { indicator_id: 1, claimed: 4.5, statement: '已完成', attachment_ids: [7] },
      { indicator_id: 2, claimed: null, statement: '', attachment_ids: [] },
    ])
    // The lines are the form's own copies.
    expect(items[0].attachments).toHaveLength(1)
    lines[0].attachments.pop()
    expect(items[0].attachments).toHaveLength(1)
  })
  it('names the indicators still missing a claim', () => {
    const lines = claimLines(items)
    expect(missingClaims(lines)).toEqual(['1.2'])
    lines[1].claimed = 0
    expect(missingClaims(lines)).toEqual([])
    lines[0].claimed = 6
    expect(missingClaims(lines)).toEqual(['1.1'])
  })
})
