import { existsSync } from 'node:fs'
import { e2eDatabases } from './databases'
import { binary, startServer, type RunningServer } from './server'

/** Starts one server per database project; Playwright runs the returned function at the end. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`cargo build --release -p longzhi\` first`)
  const servers: RunningServer[] = []
  try {
    for (const db of e2eDatabases()) {
      const s = await startServer(db)
      servers.push(s)
      // Read by playwright.config.ts when it is evaluated in the workers.
      process.env[`LONGZHI_E2E_BIND_${db.toUpperCase()}`] = s.bind
      console.log(`longzhi (${db}) at http://${s.bind}`)
    }
  } catch (e) {
    for (const s of servers) await s.stop()
    throw e
  }
  return async () => {
    for (const s of servers) await s.stop()
  }
}
