/**
 * Starts the real `longzhi` release binary for the browser tests: a fresh data directory, a
 * fresh PostgreSQL database when asked, `longzhi seed --demo`, then `longzhi serve` on a free
 * loopback port, waiting for /readyz.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Database } from './databases'

export interface RunningServer {
  database: Database
  bind: string
  stop: () => Promise<void>
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const binary = process.env.LONGZHI_BIN ?? join(repoRoot, 'target', 'release', 'longzhi')
/** Administrative connection used to create and drop the per-run database. */
const pgAdminUrl = process.env.LONGZHI_E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer()
    srv.once('error', fail)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => ok(port))
    })
  })
}

function psql(sql: string): void {
  const r = spawnSync('psql', [pgAdminUrl, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`psql ${sql}: ${r.stderr || r.error}`)
}

function run(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(binary, args, { env, encoding: 'utf8', timeout: 120_000 })
  if (r.status !== 0) throw new Error(`longzhi ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
}

async function waitReady(url: string, proc: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`longzhi serve exited with ${proc.exitCode}; log: ${logFile}`)
    try {
      const res = await fetch(`${url}/readyz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`longzhi serve not ready after 30 s; log: ${logFile}`)
}

export async function startServer(database: Database): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `longzhi-e2e-${database}-`))
  const env: NodeJS.ProcessEnv = { ...process.env, LONGZHI_DATA_DIR: dataDir, RUST_LOG: process.env.RUST_LOG ?? 'info' }
  delete env.DATABASE_URL
  let dbName: string | null = null
  if (database === 'postgres') {
    dbName = `longzhi_e2e_${process.pid}_${Date.now()}`
    psql(`CREATE DATABASE ${dbName}`)
    const u = new URL(pgAdminUrl)
    u.pathname = `/${dbName}`
    env.DATABASE_URL = u.toString()
  }
  const port = await freePort()
  const bind = `127.0.0.1:${port}`
  env.LONGZHI_BIND = bind

  run(['migrate'], env)
  run(['seed', '--demo'], env)
  const logFile = join(dataDir, 'serve.log')
  const log = openSync(logFile, 'a')
  const proc = spawn(binary, ['serve'], { env, stdio: ['ignore', log, log] })
  await waitReady(`http://${bind}`, proc, logFile)

  return {
    database,
    bind,
    stop: async () => {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM')
        await new Promise((r) => proc.once('exit', r))
      }
      if (dbName) psql(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)
      if (!process.env.LONGZHI_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
