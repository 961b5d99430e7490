import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
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
      // Read by the baseURL fixture of e2e/fixtures.ts in the workers.
      process.env[`LONGZHI_E2E_BIND_${db.toUpperCase()}`] = s.bind
      console.log(`longzhi (${db}) at http://${s.bind}`)
    }
    checkApiTypes(servers[0])
  } catch (e) {
    for (const s of servers) await s.stop()
    throw e
  }
  return async () => {
    for (const s of servers) await s.stop()
  }
}

/**
 * The typed client must match the server it is tested against: once src/api/schema.d.ts exists,
 * a drift from the running server's OpenAPI document fails the run (`npm run gen:api` fixes it).
 */
function checkApiTypes(server: RunningServer | undefined): void {
  const web = join(dirname(fileURLToPath(import.meta.url)), '..')
  if (!server) return
  if (!existsSync(join(web, 'src', 'api', 'schema.d.ts'))) {
    console.warn('src/api/schema.d.ts is missing: run `npm run gen:api` against a server and commit it')
    return
  }
  const r = spawnSync('node', ['scripts/gen-api.mjs', '--check', `http://${server.bind}/api/v1/openapi.json`], { cwd: web, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr || r.stdout || 'API types drifted')
  console.log(r.stdout.trim())
}
