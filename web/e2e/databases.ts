/** The databases the browser tests run on: $LONGZHI_E2E_DATABASES (comma-separated), default both. */
export type Database = 'sqlite' | 'postgres'

export function e2eDatabases(): Database[] {
  const raw = process.env.LONGZHI_E2E_DATABASES ?? 'sqlite,postgres'
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean)
  for (const d of list) if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown database ${d} in LONGZHI_E2E_DATABASES`)
  return list as Database[]
}
